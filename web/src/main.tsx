import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo';
import { App } from './App';
import { I18nProvider } from './i18n';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

const client = createApolloClient();

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <ApolloProvider client={client}>
        <App />
      </ApolloProvider>
    </I18nProvider>
  </StrictMode>,
);
