import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useMemo, useState, type ComponentProps, type ReactNode } from 'react';
import { freshAccessToken } from '../auth';
import { useI18n } from '../i18n';

/**
 * Saved example queries (docs/queries/*.graphql, first line "# Title"), bundled at build
 * time; an empty folder (or none) gives an empty list.
 */
const SAVED: Record<string, string> = import.meta.glob('../../../docs/queries/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface SavedQuery {
  file: string;
  title: string;
  text: string;
}

export function savedQueries(files: Record<string, string> = SAVED): SavedQuery[] {
  return Object.entries(files)
    .map(([path, text]) => {
      const file = path.split('/').pop() ?? path;
      const first = text.split('\n', 1)[0] ?? '';
      const title = first.startsWith('#') ? first.replace(/^#\s*/, '').trim() : file;
      return { file, title, text };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Sends GraphiQL's operations to the gateway with the signed-in officer's token. */
type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const fetcher: Fetcher = async (params) => {
  const token = await freshAccessToken();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(params),
  });
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null) throw new Error(`HTTP ${response.status}`);
  return body;
};

/** GraphiQL keeps its tabs in memory only: queries may name people, and the browser is shared. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

const DEFAULT_QUERY = `# Truy vấn phân tích: mã người là bí danh (pseudonym), tên và số định danh không hiển thị.
query {
  planTargets(year: 2022) {
    indicator
    unit { code name }
    target
  }
}
`;

/** GraphiQL on one query, with editor state of its own (a fresh one for each saved query chosen). */
function QueryEditor({ text }: { text: string }): ReactNode {
  const [storage] = useState(memoryStorage);
  return <GraphiQL fetcher={fetcher} storage={storage} defaultQuery={text} query={text} />;
}

/** Truy vấn phân tích: GraphiQL bundled with the portal (no CDN), acting with the analyst's token. */
export default function AnalystPage(): ReactNode {
  const { t } = useI18n();
  const saved = useMemo(() => savedQueries(), []);
  const [selected, setSelected] = useState<SavedQuery | null>(saved[0] ?? null);
  return (
    <>
      <h2 className="page-title">{t('analyst.heading')}</h2>
      <div className="analyst">
        <section className="analyst__saved" aria-labelledby="saved-queries-heading">
          <h3 id="saved-queries-heading" className="section-title">
            {t('analyst.saved')}
          </h3>
          {saved.length === 0 ? (
            <p className="state state--empty">{t('analyst.noSaved')}</p>
          ) : (
            <ul className="saved-list">
              {saved.map((q) => (
                <li key={q.file}>
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={selected?.file === q.file}
                    onClick={() => setSelected(q)}
                  >
                    {q.title}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <div className="analyst__ide" data-testid="graphiql">
          <QueryEditor key={selected?.file ?? 'default'} text={selected?.text ?? DEFAULT_QUERY} />
        </div>
      </div>
    </>
  );
}
