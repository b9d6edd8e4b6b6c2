/**
 * The API calls behind the signing flows, in one place: which signer (the logged-in token session and
 * the chosen certificate), where the visible signature goes, the images from the settings, and the
 * workflow step that signs (the signed file becomes the plan's new version).
 */
import type { TokenCertificate, TokenLogin } from '../../../shared/contract/tokens';
import { call } from '../../api/client';
import type { PdfRect } from '../document/PdfPreview';

export interface SignChoice {
  session: TokenLogin;
  personal: TokenCertificate;
  /** The school's organisation certificate, added as a second signature when approving. */
  seal?: TokenCertificate | undefined;
}

/** Where the visible signature goes: a box the user placed, an existing empty field of the plan, or the default. */
export type Placement = { kind: 'box'; rect: PdfRect } | { kind: 'field'; name: string; rect: PdfRect };

export const placementOf = (p: Placement | undefined) =>
  !p ? {} : p.kind === 'field' ? { placement: { field: p.name } } : { placement: { page: p.rect.page, rect: [p.rect.x, p.rect.y, p.rect.width, p.rect.height] as [number, number, number, number] } };

const tokenSigner = (session: TokenLogin, cert: TokenCertificate) => ({ kind: 'token' as const, sessionId: session.sessionId, certificateId: cert.certificateId });

/** The handwritten-signature and seal images the user set in Settings (Decree 30 appearance). */
async function images(): Promise<{ signature?: string; seal?: string }> {
  const r = await call('settings.get', {});
  if (!r.ok) return {};
  return { ...(r.value.signatureImagePath ? { signature: r.value.signatureImagePath } : {}), ...(r.value.sealImagePath ? { seal: r.value.sealImagePath } : {}) };
}

export async function submitPlan(documentId: number, actorStaffId: number, choice: SignChoice, placement: Placement | undefined) {
  const img = await images();
  return call('plans.submit', {
    documentId,
    actorStaffId,
    signing: { signer: tokenSigner(choice.session, choice.personal), reason: 'Trình kế hoạch giáo dục', ...placementOf(placement), ...(img.signature ? { image: img.signature } : {}) },
  });
}

export async function approvePlans(documentIds: number[], actorStaffId: number, choice: SignChoice, placement: Placement | undefined) {
  const img = await images();
  return call('plans.approve', {
    documentIds,
    actorStaffId,
    signing: {
      signer: tokenSigner(choice.session, choice.personal),
      reason: 'Phê duyệt',
      ...placementOf(placement),
      ...(img.signature ? { image: img.signature } : {}),
      ...(choice.seal ? { seal: { signer: tokenSigner(choice.session, choice.seal), ...(img.seal ? { image: img.seal } : {}) } } : {}),
    },
  });
}

export function returnPlan(documentId: number, actorStaffId: number, reason: string) {
  return call('plans.return', { documentId, actorStaffId, reason });
}
