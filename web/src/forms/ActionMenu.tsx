import { useState, type ReactNode } from 'react';

export interface MenuAction {
  key: string;
  label: string;
  render: (close: () => void) => ReactNode;
}

/** Buttons that each open one action form below them (one at a time). */
export function ActionMenu({ label, actions }: { label: string; actions: readonly MenuAction[] }): ReactNode {
  const [open, setOpen] = useState<string | null>(null);
  if (actions.length === 0) return null;
  const current = actions.find((a) => a.key === open);
  return (
    <div className="action-menu" role="group" aria-label={label}>
      <div className="action-menu__buttons">
        {actions.map((action) => (
          <button
            key={action.key}
            type="button"
            className="button button--secondary"
            aria-expanded={open === action.key}
            onClick={() => setOpen(open === action.key ? null : action.key)}
          >
            {action.label}
          </button>
        ))}
      </div>
      {/* Keyed by the action: another action's form starts afresh, not with the last one's values. */}
      {current && (
        <div key={current.key} className="action-menu__form">
          {current.render(() => setOpen(null))}
        </div>
      )}
    </div>
  );
}
