import type { Bilingual } from '@rehab/server-kit';

/** The outcome of asking a state machine for a transition: the next state, or why not. */
export type Transition<S extends string> = { ok: true; to: S } | { ok: false; code: 'ILLEGAL_TRANSITION'; text: Bilingual };

/** Vietnamese and English labels of a machine's states and actions, for error messages. */
export interface MachineLabels<S extends string, A extends string> {
  entity: Bilingual;
  states: Readonly<Record<S, Bilingual>>;
  actions: Readonly<Record<A, Bilingual>>;
}

/** A finite state machine as data: from-state × action → to-state; anything missing is illegal. */
export interface StateMachine<S extends string, A extends string> {
  readonly states: readonly S[];
  readonly actions: readonly A[];
  transition(from: S, action: A): Transition<S>;
}

export function stateMachine<S extends string, A extends string>(
  states: readonly S[],
  actions: readonly A[],
  table: Readonly<Record<S, Partial<Record<A, S>>>>,
  labels: MachineLabels<S, A>,
): StateMachine<S, A> {
  return {
    states,
    actions,
    transition(from, action) {
      const to = table[from][action];
      if (to !== undefined) return { ok: true, to };
      const { entity, states: s, actions: a } = labels;
      return {
        ok: false,
        code: 'ILLEGAL_TRANSITION',
        text: {
          vi: `Không thể ${a[action].vi} khi ${entity.vi} đang ở trạng thái "${s[from].vi}"`,
          en: `Cannot ${a[action].en} while the ${entity.en} is ${s[from].en}`,
        },
      };
    },
  };
}
