/** Password length limits, shared by the server's policy and the forms' hints. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
