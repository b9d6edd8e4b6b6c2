import type { Screen } from '../app/nav';
import { useT } from '../i18n';
import { PageHeader } from './parts';

export function NotReady({ screen }: { screen: Exclude<Screen, 'document'> }) {
  const t = useT();
  return (
    <section>
      <PageHeader title={t.nav[screen]} />
      <p className="banner">{t.common.notReady}</p>
    </section>
  );
}
