import { beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../support/pki';
import { certificateStatusAt, parseCertificate } from '../../../src/main/core/pki/certificate';
import { extractVnIdentity } from '../../../src/main/core/pki/vn-identity';
import { providerFromIssuer } from '../../../src/main/core/pki/providers';
import { isAppError } from '../../../src/main/core/errors';

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki({ ocspUrl: 'http://ocsp.test/q', crlUrl: 'http://crl.test/ca.crl', caIssuersUrl: 'http://ca.test/ca.crt' });
});

describe('parseCertificate', () => {
  it('keeps the Vietnamese name intact and reads the CCCD from the UID of a teacher (special-purpose CA)', () => {
    const info = parseCertificate(pki.teacher.der);
    expect(info.subjectCommonName).toBe('Nguyễn Thị Hoa');
    expect(info.subject).toContain('CN=Nguyễn Thị Hoa');
    expect(info.subject).toContain('UID=CCCD:031190001234');
    expect(info.subjectFields.O).toEqual(['Trường Mầm non Hoa Sen']);
    expect(info.subjectFields.L).toEqual(['Hải Phòng']);
    expect(info.identity).toEqual({ cccd: '031190001234' });
    expect(info.holder).toBe('personal');
    expect(info.provider).toMatchObject({ id: 'vgca', specialPurpose: true });
    expect(info.issuerCommonName).toBe('CA phục vụ các cơ quan Nhà nước (kiểm thử)');
    expect(info.keyType).toBe('RSA');
    expect(info.keyBits).toBe(2048);
    expect(info.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(info.isCa).toBe(false);
    expect(info.serialNumber).toBe(pki.teacher.cert.serialNumber.toUpperCase());
    expect(info.sha256Fingerprint).toMatch(/^[0-9A-F]{64}$/);
    expect(info.ocspUrls).toEqual(['http://ocsp.test/q']);
    expect(info.crlUrls).toEqual(['http://crl.test/ca.crl']);
    expect(info.caIssuerUrls).toEqual(['http://ca.test/ca.crt']);
    expect(info.subjectKeyId).toMatch(/^[0-9A-F]+$/);
    expect(info.authorityKeyId).toBe(parseCertificate(pki.caGov.der).subjectKeyId);
  });

  it('classifies the school seal (MST, CN equals O) as an organisation', () => {
    const info = parseCertificate(pki.seal.der);
    expect(info.holder).toBe('organisation');
    expect(info.identity.mst).toBe('0201234567');
    expect(info.subjectCommonName).toBe('Trường Mầm non Hoa Sen');
  });

  it('reads the principal title and an ECDSA key from a commercial (VNPT) CA', () => {
    expect(parseCertificate(pki.principal.der).subjectFields.T).toEqual(['Hiệu trưởng']);
    const ec = parseCertificate(pki.ecSigner.der);
    expect(ec).toMatchObject({ keyType: 'EC', keyBits: 256, holder: 'personal', provider: { id: 'vnpt', name: 'VNPT-CA', specialPurpose: false } });
  });

  it('marks CA certificates and accepts PEM', () => {
    const root = parseCertificate(pki.root.pem);
    expect(root.isCa).toBe(true);
    expect(root.selfSigned).toBe(true);
    expect(root.keyUsage).toContain('keyCertSign');
    expect(parseCertificate(pki.tsa.der).extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.8']);
  });

  it('refuses bytes that are not a certificate with a Vietnamese message', () => {
    try {
      parseCertificate(new Uint8Array([1, 2, 3]));
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('PKI_CERT_INVALID');
      expect(isAppError(e) && e.messageVi).toMatch(/chứng thư số/);
    }
  });
});

describe('certificateStatusAt', () => {
  it('says expired, valid or not yet valid with days to expiry', () => {
    expect(certificateStatusAt(parseCertificate(pki.expired.der)).status).toBe('expired');
    const teacher = parseCertificate(pki.teacher.der);
    const now = certificateStatusAt(teacher);
    expect(now.status).toBe('valid');
    expect(now.daysToExpiry).toBeGreaterThan(1000);
    expect(certificateStatusAt(teacher, new Date(Date.parse(teacher.notBefore) - 1000)).status).toBe('not_yet_valid');
  });
});

describe('Vietnamese identity fields and providers', () => {
  it('is tolerant about where and how CAs write the numbers', () => {
    expect(extractVnIdentity(['CMND:012345678'])).toEqual({ cmnd: '012345678' });
    expect(extractVnIdentity(['HC:B1234567'])).toEqual({ passport: 'B1234567' });
    expect(extractVnIdentity(['MST:0201234567-001', 'MNS:1234567'])).toEqual({ mst: '0201234567-001', budgetCode: '1234567' });
    expect(extractVnIdentity(['Nguyễn Văn A'], ['031190001234'])).toEqual({ cccd: '031190001234' });
    expect(extractVnIdentity(['CCCD: 031190001234 ; MST: 0201234567'])).toEqual({ cccd: '031190001234', mst: '0201234567' });
  });

  it('recognises the Vietnamese CAs from their issuer names', () => {
    const of = (o: string, cn = 'CA') => providerFromIssuer({ O: [o], CN: [cn] }, `CN=${cn}, O=${o}`).id;
    expect(of('BAN CO YEU CHINH PHU')).toBe('vgca');
    expect(of('Viettel Group', 'Viettel-CA SHA-256')).toBe('viettel');
    expect(of('BKAV Corporation', 'BkavCA SHA256')).toBe('bkav');
    expect(of('FPT Information System', 'FPT Certification Authority')).toBe('fpt');
    expect(of('MISA JSC', 'MISA-CA SHA-256')).toBe('misa');
    expect(of('Nacencomm SCT', 'CA2 SHA-256')).toBe('ca2');
    expect(of('Ministry of Information and Communications', 'Vietnam National Root CA')).toBe('neac');
    const other = providerFromIssuer({ O: ['Trường X'] }, 'O=Trường X');
    expect(other).toEqual({ id: 'other', name: 'Trường X', specialPurpose: false });
  });
});
