import { DynamicModule, Global, Module } from '@nestjs/common';
import { readSettings, SettingDefinitions, SettingValues } from './settings';

/**
 * The settings of the running service, read and checked once when its application is
 * created. Libraries and modules take their own group from it (`of(KAFKA_SETTINGS)`), so
 * each variable is parsed in one place, by one parser, and a group read by a service that
 * did not declare it is a programming error found by the first test that starts it.
 */
export class ServiceSettings {
  constructor(
    readonly service: string,
    readonly definitions: SettingDefinitions,
    private readonly values: Record<string, unknown>,
  ) {}

  /** Reads the service's settings from `env`; throws InvalidSettings naming every variable at fault. */
  static read(service: string, definitions: SettingDefinitions, env: NodeJS.ProcessEnv = process.env): ServiceSettings {
    return new ServiceSettings(service, definitions, readSettings(definitions, env));
  }

  /** The values of a group of settings (which the service's definitions include). */
  of<D extends SettingDefinitions>(group: D): SettingValues<D> {
    const picked: Record<string, unknown> = {};
    for (const variable of Object.keys(group)) picked[variable] = this.value(variable);
    return picked as SettingValues<D>;
  }

  /** One value by variable name, for code that is handed the name (interval jobs). */
  value(variable: string): unknown {
    if (!(variable in this.definitions))
      throw new Error(`${variable} is not a setting of ${this.service}: add it to its settings`);
    return this.values[variable];
  }
}

/** Provides the service's ServiceSettings to every module, read when the application is created (not when this module is declared). */
@Global()
@Module({})
export class SettingsModule {
  static forService(service: string, definitions: SettingDefinitions): DynamicModule {
    return {
      module: SettingsModule,
      providers: [{ provide: ServiceSettings, useFactory: () => ServiceSettings.read(service, definitions) }],
      exports: [ServiceSettings],
    };
  }
}
