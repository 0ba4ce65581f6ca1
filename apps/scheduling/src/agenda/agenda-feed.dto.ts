import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export const FEED_VIEWS = ['appointments', 'slots'] as const;
export type FeedView = (typeof FEED_VIEWS)[number];

/** A calendar feed to subscribe to: the SAS appointments (default) or every slot with its booking. */
export class CreateAgendaFeedDto {
  @ApiPropertyOptional({ enum: FEED_VIEWS, default: 'appointments' })
  @IsOptional()
  @IsIn(FEED_VIEWS)
  view?: FeedView;

  @ApiPropertyOptional({ example: 'Secrétariat — agenda partagé' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  label?: string;
}
