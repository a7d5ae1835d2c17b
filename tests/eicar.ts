/**
 * The EICAR anti-virus test file: 68 harmless bytes every virus scanner
 * reports as infected. Joined at run time so that no file in the repository
 * is itself reported by a scanner on a developer's machine.
 */
export const EICAR = Buffer.from(
  ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join(""),
  "latin1",
);
