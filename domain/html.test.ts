import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`Sở <Thử> & "Nghiệm" 'x'`)).toBe('Sở &lt;Thử&gt; &amp; &quot;Nghiệm&quot; &#39;x&#39;');
  });

  it('leaves other text, Vietnamese included, as it is', () => {
    expect(escapeHtml('Hồ sơ 000.00.53.H48-261127-0001')).toBe('Hồ sơ 000.00.53.H48-261127-0001');
  });
});
