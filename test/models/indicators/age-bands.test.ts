import { describe, expect, it } from 'vitest';
import { ESP2013_BAND_LABELS, esp2013Band } from '../../../models/indicators/age-bands.js';

describe('esp2013Band', () => {
  it('reads the canonical labels in age order', () => {
    expect(ESP2013_BAND_LABELS).toHaveLength(19);
    expect(ESP2013_BAND_LABELS[0]).toBe('0-4');
    expect(ESP2013_BAND_LABELS[17]).toBe('85-89');
    expect(ESP2013_BAND_LABELS[18]).toBe('90+');
    expect(ESP2013_BAND_LABELS.map(esp2013Band)).toEqual([...Array(19).keys()]);
  });
  it.each([
    ['0-4', 0],
    ['00-04', 0],
    ['0 to 4', 0],
    ['0–4', 0],
    ['Aged 0-4', 0],
    ['0-4 years', 0],
    ['05-09', 1],
    [' 85 - 89 ', 17],
    ['85_89', 17],
    ['90+', 18],
    ['90 +', 18],
    ['90 and over', 18],
    ['90plus', 18],
    ['90 Plus', 18],
    ['90 years and over', 18],
    ['90 & over', 18],
  ])('reads %j as band %i', (label, band) => {
    expect(esp2013Band(label)).toBe(band);
  });
  it.each(['banana', '', '0-5', '1-4', '3-7', '90-94', '95+', '85+', '90', '-4', '0 4'])(
    'refuses %j',
    (label) => {
      expect(esp2013Band(label)).toBeUndefined();
    },
  );
});
