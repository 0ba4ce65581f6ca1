import { CustomDecorator, SetMetadata } from '@nestjs/common';

// Who may call an endpoint, declared next to it; libs/auth's guard enforces it.

export const PUBLIC_KEY = 'sas:public';
export const ROLES_KEY = 'sas:roles';

/** The endpoint answers without a token (health, contracts). Every other endpoint needs one. */
export const Public = (): CustomDecorator => SetMetadata(PUBLIC_KEY, true);

/** The roles (libs/auth's Role) that may call the endpoint, on the handler or its controller. */
export const Roles = (...roles: string[]): CustomDecorator => SetMetadata(ROLES_KEY, roles);
