import type { KeyObject } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { CONTEXT_HEADER, domainError, signCallerContext } from '@rehab/server-kit';
import type { Caller, SubgraphName } from '@rehab/shared-schema';

export interface GatewayContext {
  caller: Caller;
}

const AGENCY_NAME: Record<SubgraphName, { vi: string; en: string }> = {
  police: { vi: 'Công an', en: 'Police' },
  'labor-welfare': { vi: 'Lao động - Thương binh và Xã hội', en: 'Labour-welfare' },
  health: { vi: 'Y tế', en: 'Health' },
  volunteers: { vi: 'Mặt trận / Đoàn thể', en: 'Mass organisations' },
};

/**
 * Calls one subgraph with the caller's context signed for that subgraph only. A
 * network failure becomes a typed error naming the agency, never the internal URL.
 */
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: SubgraphName, url: string, fetcher: Fetcher, private readonly privateKey: KeyObject) {
    super({ url, fetcher });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('caller' in context) || !context.caller) throw new Error('No caller in gateway context');
    request.http?.headers.set(CONTEXT_HEADER, await signCallerContext(context.caller, this.subgraph, this.privateKey, request));
  }

  override didEncounterError(error: Error): void {
    const agency = AGENCY_NAME[this.subgraph];
    const unavailable = domainError('SUBGRAPH_UNAVAILABLE', {
      vi: `Dữ liệu ${agency.vi} tạm thời không khả dụng`,
      en: `${agency.en} data is temporarily unavailable`,
    });
    unavailable.extensions.subgraph = this.subgraph;
    if (error.name === 'AbortError' || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed|aborted|40[13]|5\d\d/.test(error.message)) {
      throw unavailable;
    }
    throw error;
  }
}
