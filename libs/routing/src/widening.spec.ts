import { widenedBy } from './widening';

describe('widenedBy', () => {
  it('names the countries a re-evaluation adds, or * when the ticket became unrestricted', () => {
    expect(widenedBy(['DE', 'FR'], ['DE', 'FR', 'US', 'IN'])).toEqual(['IN', 'US']);
    expect(widenedBy(['DE'], null)).toBe('*');
  });

  it('is null when nothing widened: narrowed, unchanged, or unrestricted before', () => {
    expect(widenedBy(['DE', 'FR'], ['DE'])).toBeNull();
    expect(widenedBy(['DE'], ['DE'])).toBeNull();
    expect(widenedBy(null, ['DE'])).toBeNull();
    expect(widenedBy(null, null)).toBeNull();
  });
});
