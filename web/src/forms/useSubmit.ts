import { type OperationVariables, type TypedDocumentNode } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useApolloClient } from '@apollo/client/react';
import { useCallback } from 'react';
import type { SubmitOutcome } from './ActionForm';

/** Runs a mutation with the variables its generated type asks for. */
export type Submit = <TData, TVariables extends OperationVariables>(
  mutation: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
) => Promise<SubmitOutcome>;

/** Runs a mutation and returns its GraphQL errors (a network failure becomes one error). */
export function useSubmit(): Submit {
  const client = useApolloClient();
  return useCallback<Submit>(
    async (mutation, variables) => {
      try {
        const result = await client.mutate({ mutation, variables, errorPolicy: 'all' });
        if (!result.error) return { errors: [] };
        if (CombinedGraphQLErrors.is(result.error)) return { errors: result.error.errors };
        return { errors: [{ message: result.error.message }] };
      } catch (error) {
        return { errors: [{ message: error instanceof Error ? error.message : String(error) }] };
      }
    },
    [client],
  );
}

/** Today as YYYY-MM-DD in the officer's time zone. */
export function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** Empty text → null (optional arguments). */
export function optional(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** A number typed in a form, or NaN (the server then names the field). */
export function numberOf(value: string | undefined): number | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : Number(trimmed);
}
