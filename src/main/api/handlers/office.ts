import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { officeService, districtFigures } from '../services/office';

type OfficeMethods =
  | 'staff.list' | 'staff.get' | 'staff.save' | 'staff.remove' | 'staff.import' | 'staff.export'
  | 'staff.saveCertificate' | 'staff.removeCertificate' | 'staff.matchCertificate' | 'staff.attachCertificate' | 'staff.expiring'
  | 'forms.request' | 'forms.revocation'
  | 'reports.inspection' | 'reports.exportInspection' | 'reports.exportSchoolFile' | 'reports.district';

export function officeHandlers(ctx: AppContext): Pick<Handlers, OfficeMethods> {
  const office = () => officeService(ctx);
  return {
    'staff.list': async (i) => office().staff.list(i).map((s) => office().view(s)),
    'staff.get': async (i) => office().view(office().staff.get(i.id)),
    'staff.save': async (i) => office().view(office().staff.save(i.staff, i.id)),
    'staff.remove': async (i) => (office().staff.remove(i.id), { removed: true as const }),
    'staff.import': async (i) => office().importCsv(i.path),
    'staff.export': async (i) => office().exportCsv(i.path),
    'staff.saveCertificate': async (i) =>
      office().certificateView(office().staff.saveCertificate(i.staffId, { ...i.certificate, source: 'manual' }, i.certificateId)),
    'staff.removeCertificate': async (i) => (office().staff.removeCertificate(i.certificateId), { removed: true as const }),
    'staff.matchCertificate': async (i) => office().matchCertificate(i.der, i.token ?? null),
    'staff.attachCertificate': async (i) => office().attachCertificate(i.der, i.token ?? null, i.staffId),
    'staff.expiring': async (i) => office().expiring(i.withinDays),
    'forms.request': async (i) => office().requestForm(i),
    'forms.revocation': async (i) => office().revocationList(i),
    'reports.inspection': async (i) => office().inspection(i),
    'reports.exportInspection': async (i) => office().exportInspection(i),
    'reports.exportSchoolFile': async (i) => office().exportSchoolFile(i, `Hồ Sơ Ký ${ctx.options.version}`),
    'reports.district': async (i) => districtFigures(i.files, i.out),
  };
}
