import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { TrustAnchors } from '../services/trust';

export function trustHandlers(ctx: AppContext): Pick<Handlers, 'trust.list' | 'trust.add' | 'trust.remove'> {
  const anchors = () => new TrustAnchors(ctx.options.dataDir);
  return {
    'trust.list': async () => ({ anchors: anchors().list() }),
    'trust.add': (input) => anchors().add(input),
    'trust.remove': async ({ sha256 }) => ({ removed: anchors().remove(sha256) }),
  };
}
