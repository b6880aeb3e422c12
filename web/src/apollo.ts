import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { clearSession, freshAccessToken } from './auth';
import { trustedDocumentsLink } from './trustedDocuments';

/**
 * Adds `Authorization: Bearer <token>` from the session to every operation, exchanging the
 * refresh token first when the access token is about to expire.
 */
const authLink = new SetContextLink(async (prevContext) => {
  const token = await freshAccessToken();
  if (!token) return {};
  const previous = prevContext.headers as Record<string, string> | undefined;
  const headers: Record<string, string> = { ...previous, Authorization: `Bearer ${token}` };
  return { headers };
});

/** An expired or revoked token ends the session: the portal returns to the sign-in form. */
const sessionLink = new ErrorLink(({ error }) => {
  const unauthenticated =
    (ServerError.is(error) && error.statusCode === 401) ||
    (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));
  if (unauthenticated) clearSession('expired');
});

const httpLink = new HttpLink({ uri: '/graphql' });

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([sessionLink, authLink, trustedDocumentsLink(), httpLink]),
    cache: new InMemoryCache(),
    defaultOptions: {
      // Partial data is kept and shown next to the errors: one agency's outage must not
      // blank the panels of the others.
      watchQuery: { errorPolicy: 'all' },
      query: { errorPolicy: 'all' },
      mutate: { errorPolicy: 'all' },
    },
  });
}

/**
 * For a refetch nobody awaits: its failure already shows through the query's own error
 * state, and a sign-out clears the store under queries still in flight (Apollo rejects
 * them), which must not surface as an unhandled rejection.
 */
export function settled(): undefined {
  return undefined;
}
