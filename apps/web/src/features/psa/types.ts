export type {
  TPsaConnection as PsaConnection,
  TPsaConnectionRequest as PsaConnectionRequest,
  TPsaDelivery as PsaDelivery,
  TPsaProvider as PsaProvider,
  TPsaTestResult as PsaTestResult,
  TPsaTicket as PsaTicket,
  TPsaTicketLink as PsaTicketLink,
  TPsaTicketSummary as PsaTicketSummary,
} from '@flowpilot/contracts/psa';

export interface PsaOption {
  id: string;
  name: string;
}

export interface PsaMember {
  id: string;
  name: string;
  email: string | null;
}
