import { resolve } from 'node:path';
import { loadWebModule } from './web-module';

type Locale = 'vi' | 'en';
interface I18n {
  translate: (locale: Locale, key: string, params?: Readonly<Record<string, string>>) => string;
  formatCount: (locale: Locale, value: number) => string;
}
// The portal's own module (typed by the portal's build), as the browser runs it.
const { formatCount, translate } = loadWebModule<I18n>(resolve(__dirname, '../../web/src/i18n'));

describe('portal messages: counts and plurals', () => {
  it('picks the English singular for one and the plural otherwise', () => {
    expect(translate('en', 'search.results', { count: '1' })).toBe('Results: 1 person');
    expect(translate('en', 'search.results', { count: '2' })).toBe('Results: 2 persons');
    expect(translate('en', 'search.results', { count: '0' })).toBe('Results: 0 persons');
    expect(translate('en', 'health.recordDoses', { count: '1' })).toBe('Record 1 dose');
    expect(translate('en', 'reassign.total', { count: '1,000' })).toBe('1,000 people waiting for their new commune');
    expect(translate('en', 'reassign.total', { count: '1' })).toBe('1 person waiting for their new commune');
  });

  it('leaves Vietnamese nouns as they are', () => {
    expect(translate('vi', 'search.results', { count: '1' })).toBe('Kết quả: 1 người');
    expect(translate('vi', 'health.dosesSaved', { count: '12' })).toBe('Đã ghi 12 liều');
  });

  it('writes counts as each locale does', () => {
    expect(formatCount('vi', 24663)).toBe('24.663');
    expect(formatCount('en', 24663)).toBe('24,663');
    expect(translate('vi', 'search.resultsMore', { count: formatCount('vi', 1000) })).toBe(
      'Kết quả: hơn 1.000 người; hãy thu hẹp tìm kiếm',
    );
  });

  it('never shows an English count beside a bare plural noun', () => {
    for (const key of ['search.results', 'health.recordDoses', 'health.dosesSaved', 'reassign.total', 'breakGlass.minutes']) {
      expect(translate('en', key, { count: '1', n: '1' })).not.toMatch(/\b1 (persons|people|doses|minutes)\b/);
    }
  });
});
