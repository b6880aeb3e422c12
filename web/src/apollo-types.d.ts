// Registers the client-wide defaultOptions set in apollo.ts so hook result types reflect
// them (errorPolicy 'all': data may be partial and arrives together with `error`).
import '@apollo/client';

declare module '@apollo/client' {
  namespace ApolloClient {
    namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
      interface Mutate {
        errorPolicy: 'all';
      }
    }
  }
}
