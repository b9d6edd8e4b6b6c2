import type { DocumentStatus } from '../../../shared/contract/records';
import { useT } from '../../i18n';

const TONE: Record<DocumentStatus, string> = { draft: '', submitted: 'warn', approved: 'ok', returned: 'bad' };

export function StatusBadge({ status }: { status: DocumentStatus }) {
  const t = useT();
  return (
    <span className={`badge ${TONE[status]}`} data-status={status}>
      {t.status[status]}
    </span>
  );
}
