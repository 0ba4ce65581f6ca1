// npm run token -- --role regulator --territory 92 [--function supervisor] [--subject id]
//                  [--rpps 10000000006 …] [--structure 12345678900011 …] [--vendor id] [--cpts id] [--ttl 3600]
// Prints a bearer token signed with the development key (AUTH_DEV_KEY, or this checkout's key in .data/).
import { REGULATOR_FUNCTIONS, RegulatorFunction, Role, ROLES } from '../src/principal';
import { signDevelopmentToken } from '../src/token-signer';

function values(args: string[], name: string): string[] {
  const found: string[] = [];
  args.forEach((arg, i) => {
    if (arg === `--${name}` && args[i + 1] && !args[i + 1].startsWith('--')) found.push(...args[i + 1].split(','));
  });
  return found;
}

async function main(args: string[]): Promise<void> {
  if (process.env.NODE_ENV === 'production') throw new Error('development tokens are refused in production');
  const [role] = values(args, 'role');
  if (!(ROLES as readonly string[]).includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const [fn] = values(args, 'function');
  if (fn && !(REGULATOR_FUNCTIONS as readonly string[]).includes(fn))
    throw new Error(`--function must be one of ${REGULATOR_FUNCTIONS.join(', ')}`);
  const [subject] = values(args, 'subject');
  const [ttl] = values(args, 'ttl');
  const [vendorId] = values(args, 'vendor');
  const [cptsId] = values(args, 'cpts');
  const token = await signDevelopmentToken({
    role: role as Role,
    subject,
    regulatorFunction: (fn as RegulatorFunction) ?? (role === 'regulator' ? 'gp-regulator' : undefined),
    territories: values(args, 'territory'),
    practitionerRpps: values(args, 'rpps'),
    structureIds: values(args, 'structure'),
    vendorId,
    cptsId,
    ttlSeconds: ttl ? Number(ttl) : undefined,
  });
  process.stdout.write(token + '\n');
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
