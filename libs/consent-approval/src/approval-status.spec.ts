import type { ConsentRequestEntity } from '@eea/consent';
import type { ConsentEntity } from '@eea/consent';
import type { ApprovalLinkEntity } from './approval-link.entity';
import { approvalStatus, isLinkAlive } from './approval-status';
import { approvalTokenHash, approvalUrl, isApprovalTokenShaped, newApprovalToken } from './approval-token';

const now = new Date('2026-11-23T10:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const request = (status: ConsentRequestEntity['status'], expiresIn = 24) =>
  ({ status, expiresAt: at(expiresIn) }) as ConsentRequestEntity;
const consent = (expiresIn: number, revokedAt: Date | null = null) => ({ expiresAt: at(expiresIn), revokedAt }) as ConsentEntity;
const link = (expiresIn: number) => ({ expiresAt: at(expiresIn) }) as ApprovalLinkEntity;

describe('approval status', () => {
  it('follows the request and its consent', () => {
    expect(approvalStatus({ request: request('pending'), consent: null }, now)).toBe('pending');
    expect(approvalStatus({ request: request('pending', 0), consent: null }, now)).toBe('expired');
    expect(approvalStatus({ request: request('denied'), consent: null }, now)).toBe('denied');
    expect(approvalStatus({ request: request('granted'), consent: consent(48) }, now)).toBe('approved');
    expect(approvalStatus({ request: request('granted'), consent: consent(48, now) }, now)).toBe('revoked');
    expect(approvalStatus({ request: request('granted'), consent: consent(0) }, now)).toBe('expired');
  });

  it('keeps a link alive until it expires, or while the consent it led to lives', () => {
    expect(isLinkAlive({ link: link(1), consent: null }, now)).toBe(true);
    expect(isLinkAlive({ link: link(0), consent: null }, now)).toBe(false);
    expect(isLinkAlive({ link: link(-1), consent: consent(48) }, now)).toBe(true);
    expect(isLinkAlive({ link: link(-1), consent: consent(48, now) }, now)).toBe(false);
    expect(isLinkAlive({ link: link(-1), consent: consent(0) }, now)).toBe(false);
  });
});

describe('approval tokens', () => {
  it('carry 256 random bits, are stored as a hash, and build the link under PUBLIC_URL', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newApprovalToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(isApprovalTokenShaped(token)).toBe(true);
    const [token] = tokens;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(approvalTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(approvalTokenHash(token)).not.toContain(token);
    expect(approvalUrl('https://support.example.test/', token)).toBe(`https://support.example.test/approve/${token}`);
    expect(isApprovalTokenShaped(`${token}=`)).toBe(false);
    expect(isApprovalTokenShaped('../etc')).toBe(false);
  });
});
