// The holidays are calendar knowledge that indicators also need (PDSA periods): they live in referentials.
export { easterSunday, frenchPublicHolidays } from '@sas/referentials';
