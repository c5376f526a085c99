import { describe, expect, it } from 'vitest';
import { ReasonTemplateSchema } from '../schemas';
import { REQUEST_FLAG_CODES, REQUEST_FLAG_SEVERITY } from '../rules/request-flags';
import { REASON_CODE_FOR_FLAG, REASON_TEMPLATES } from './reason-templates';

const byCode = new Map(REASON_TEMPLATES.map((template) => [template.code, template]));

describe('default reason templates', () => {
  it('are valid documents with unique codes', () => {
    for (const template of REASON_TEMPLATES) ReasonTemplateSchema.parse(template);
    expect(byCode.size).toBe(REASON_TEMPLATES.length);
  });

  it('cover the rejections and holds the triage needs', () => {
    const rejected = ['in_person_required', 'flagrante_emergency', 'anonymous_tip', 'third_party_filing', 'too_many_authors', 'fact_outside_state', 'nature_not_online', 'duplicate_request', 'domestic_violence_not_eligible'];
    const onHold = ['missing_information', 'illegible_attachment', 'confirm_contact'];
    for (const code of rejected) expect(byCode.get(code)?.appliesTo).toBe('rejected');
    for (const code of onHold) expect(byCode.get(code)?.appliesTo).toBe('on_hold');
  });

  it('give the right phone numbers', () => {
    expect(byCode.get('flagrante_emergency')?.orientationText).toMatch(/190 \(Polícia Militar\) ou 197 \(Polícia Civil\)/);
    expect(byCode.get('anonymous_tip')?.orientationText).toContain('181');
  });

  it('suggest an existing template for every blocking flag', () => {
    for (const code of REQUEST_FLAG_CODES.filter((flag) => REQUEST_FLAG_SEVERITY[flag] === 'blocking')) {
      expect(byCode.has(REASON_CODE_FOR_FLAG[code] ?? ''), code).toBe(true);
    }
  });
});
