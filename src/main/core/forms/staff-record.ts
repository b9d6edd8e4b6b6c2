import type { StaffDetails } from '../people/staff';
import type { StaffCertificate } from '../people/certificates';

/** A person with their certificates, as the forms read them. */
export interface StaffRecord extends StaffDetails {
  id: number;
  certificates: StaffCertificate[];
}
