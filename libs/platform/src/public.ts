import { CustomDecorator, SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'sas:public';

/** The endpoint answers without a token (health, contracts). Every other endpoint needs one (libs/auth). */
export const Public = (): CustomDecorator => SetMetadata(PUBLIC_KEY, true);
