/**
 * The API calls behind the signing flows, in one place: which signer (the logged-in token session and
 * the chosen certificate), where the visible signature goes, and the workflow step that signs.
 */
import type { TokenCertificate, TokenLogin } from '../../../shared/contract/tokens';
import type { OutputOf } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { call, transport } from '../../api/client';
import type { PdfRect } from '../document/PdfPreview';

export interface SignChoice {
  session: TokenLogin;
  personal: TokenCertificate;
  /** The school's organisation certificate, added as a second signature when approving. */
  seal?: TokenCertificate | undefined;
}

const tokenSigner = (session: TokenLogin, cert: TokenCertificate) => ({ kind: 'token' as const, sessionId: session.sessionId, certificateId: cert.certificateId });

/** Where the visible signature goes: a box the user placed, an existing empty field of the plan, or the default. */
export type Placement = { kind: 'box'; rect: PdfRect } | { kind: 'field'; name: string; rect: PdfRect };

export const placementOf = (p: Placement | undefined) =>
  !p ? {} : p.kind === 'field' ? { placement: { field: p.name } } : { placement: { page: p.rect.page, rect: [p.rect.x, p.rect.y, p.rect.width, p.rect.height] as [number, number, number, number] } };

// The signing inputs of plans.submit/approve (signer, seal, placement) are being added to the records
// contract; until they land these two go through the untyped transport and the server's schema answers.
export function submitPlan(documentId: number, actorStaffId: number, choice: SignChoice, placement: Placement | undefined) {
  return transport.call('plans.submit', { documentId, actorStaffId, signer: tokenSigner(choice.session, choice.personal), ...placementOf(placement) });
}

export function approvePlans(documentIds: number[], actorStaffId: number, choice: SignChoice, placement: Placement | undefined) {
  return transport.call('plans.approve', {
    documentIds,
    actorStaffId,
    signer: tokenSigner(choice.session, choice.personal),
    ...(choice.seal ? { seal: tokenSigner(choice.session, choice.seal) } : {}),
    ...placementOf(placement),
  }) as Promise<Result<OutputOf<'plans.approve'>>>;
}

export function returnPlan(documentId: number, actorStaffId: number, reason: string) {
  return call('plans.return', { documentId, actorStaffId, reason });
}
