import { useSystem } from '../../app/system-store';
import { useT } from '../../i18n';
import { PageHeader } from '../../ui/parts';

export function SettingsScreen() {
  const t = useT();
  const info = useSystem((s) => s.info);
  return (
    <section>
      <PageHeader title={t.nav.settings} />
      <dl className="facts">
        <dt>{t.common.version}</dt>
        <dd>{info?.version ?? '—'}</dd>
        <dt>{t.common.dataFolder}</dt>
        <dd className="path">{info?.dataDir ?? '—'}</dd>
      </dl>
    </section>
  );
}
