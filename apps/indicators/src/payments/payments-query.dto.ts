import { ApiProperty } from '@nestjs/swagger';
import { CheckWith } from '@sas/platform';

/** A calendar month, YYYY-MM (Europe/Paris). */
export function checkMonth(value: string): string | undefined {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? undefined : `${value} is not a month as YYYY-MM (e.g. 2026-12)`;
}

export class PaymentsQueryDto {
  @ApiProperty({ example: '2026-12', description: 'the month paid (Europe/Paris), YYYY-MM' })
  @CheckWith(checkMonth, { message: (args) => checkMonth(String(args.value ?? '')) ?? 'is invalid' })
  month!: string;
}
