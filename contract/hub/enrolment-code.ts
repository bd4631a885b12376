/**
 * A hub enrolment code: three groups of four unambiguous characters, e.g. "7KQM-2XRP-9HWD".
 * Kept apart from the protocol's schemas so that `npm start` can check the flag without loading them.
 */
export const ENROLMENT_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
