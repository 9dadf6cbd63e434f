// Check-digit algorithms that tell a real card or ID number from any other digit string: Luhn
// (payment cards, ISO/IEC 7812), ISO 7064 MOD 11-2 (mainland resident ID, GB 11643-1999), the
// Hong Kong identity card's weighted mod 11 and Taiwan's national ID (weighted mod 10).

/** Luhn check over a string of digits 0-9. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_ID_CHECK = '10X98765432';

/** The MOD 11-2 check character ('0'-'9' or 'X') for the first 17 digits of a resident ID. */
export function cnIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (CN_ID_WEIGHTS[i] as number);
  return CN_ID_CHECK[sum % 11] as string;
}

/**
 * A mainland resident ID number: 17 digits and a check character, with a plausible birth date
 * (yyyymmdd at positions 7-14, 1900-2099) so that a random 18-digit string rarely passes.
 */
export function cnIdValid(id: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return cnIdCheckChar(id.slice(0, 17)) === (id[17] as string).toUpperCase();
}

function hkCharValue(ch: string): number {
  if (ch === ' ') return 36;
  const code = ch.charCodeAt(0);
  return code >= 65 && code <= 90 ? code - 55 : code - 48;
}

/** The check character ('0'-'9' or 'A') of a Hong Kong ID: 1-2 capital letters and 6 digits. */
export function hkIdCheckChar(letters: string, digits: string): string {
  const body = (letters.length === 1 ? ` ${letters}` : letters) + digits;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += hkCharValue(body[i] as string) * (9 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

export function hkIdValid(letters: string, digits: string, check: string): boolean {
  if (!/^[A-Z]{1,2}$/.test(letters) || !/^\d{6}$/.test(digits)) return false;
  return hkIdCheckChar(letters, digits) === check.toUpperCase();
}

// Taiwan's national ID letters, by the code each stands for (A=10 … Z=33; I, O, W… out of order).
const TW_LETTER_CODES = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/** A Taiwan national ID: a capital letter and nine digits (the first 1 or 2), weighted sum mod 10. */
export function twIdValid(id: string): boolean {
  if (!/^[A-Z][12]\d{8}$/.test(id)) return false;
  const code = TW_LETTER_CODES.indexOf(id[0] as string) + 10;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 1; i < 9; i++) sum += (id.charCodeAt(i) - 48) * (9 - i);
  return (sum + (id.charCodeAt(9) - 48)) % 10 === 0;
}
