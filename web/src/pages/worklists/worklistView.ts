import { isValidElement, type ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useSession } from '../../auth';

/** An officer's choice on one worklist, kept in this browser for the next visit. */
export interface WorklistChoice {
  /** The header of the column sorted by, or null for the list's own order. */
  sortBy: string | null;
  descending: boolean;
  filter: string;
}

const NO_CHOICE: WorklistChoice = { sortBy: null, descending: false, filter: '' };

function storageKey(username: string, list: string): string {
  return `rehab.worklist.${username}.${list}`;
}

function readChoice(key: string | null): WorklistChoice {
  if (!key) return NO_CHOICE;
  try {
    const stored = JSON.parse(window.localStorage.getItem(key) ?? 'null') as Partial<WorklistChoice> | null;
    return {
      sortBy: typeof stored?.sortBy === 'string' ? stored.sortBy : null,
      descending: stored?.descending === true,
      filter: typeof stored?.filter === 'string' ? stored.filter : '',
    };
  } catch {
    return NO_CHOICE;
  }
}

/** The officer's sort and filter of a list, remembered per officer and list. */
export function useWorklistChoice(list: string): [WorklistChoice, (choice: WorklistChoice) => void] {
  const username = useSession()?.officer.username ?? null;
  const key = username ? storageKey(username, list) : null;
  const [choice, setChoice] = useState<WorklistChoice>(() => readChoice(key));
  useEffect(() => {
    if (key) window.localStorage.setItem(key, JSON.stringify(choice));
  }, [key, choice]);
  return [choice, setChoice];
}

/** The text a cell shows: its string, or the name a person link shows. */
export function cellText(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (isValidElement<{ name?: unknown }>(node) && typeof node.props.name === 'string') return node.props.name;
  return '';
}

/** dd/mm/yyyy sorts as the date it is; anything else as text (numbers by value). */
function sortKey(text: string): string {
  const date = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  return date ? `${date[3]}-${date[2]}-${date[1]}` : text;
}

export function compareTexts(a: string, b: string): number {
  return sortKey(a).localeCompare(sortKey(b), 'vi', { numeric: true, sensitivity: 'base' });
}

/** Lower case without diacritics, so "nguyen van" finds "Nguyễn Văn". */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
