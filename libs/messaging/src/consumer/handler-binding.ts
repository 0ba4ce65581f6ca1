import {
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
  EXCEPTION_FILTERS_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { PATTERN_HANDLER_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { PatternHandler } from '@nestjs/microservices/enums/pattern-handler.enum';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import { findEventByName } from '@sas/contracts';
import { BoundHandler } from './event-handler';
import { EventSubscriber, Subscription } from './subscription';

/** One consumer group as its controller declares it, with its handlers bound. */
export interface BoundSubscriber {
  /** The controller's class name, for messages. */
  name: string;
  subscription: Subscription;
  handlers: Map<string, BoundHandler>;
}

/** What the scan found: the groups to run, and every event pattern declared (also by groups turned off). */
export interface Scan {
  subscribers: BoundSubscriber[];
  declared: Set<string>;
}

type Method = (...args: unknown[]) => unknown;

/**
 * Finds the controllers holding `@EventPattern` methods and binds each method once: the
 * payload and the context where `@Payload()` and `@Ctx()` put them, called directly.
 * Nest's per-message pipeline (guards, interceptors, pipes, filters, an Observable per
 * call) is not used: a replay goes through millions of events and the consumers already
 * validate, retry and dead-letter every message. So what that pipeline would silently
 * skip is refused here, at start: a pipe, guard, interceptor or filter on a handler, a
 * parameter that is neither payload nor context, a `@MessagePattern` (Kafka events get no
 * reply), a pattern that names no catalogued event or an event of a topic the group does
 * not read, and a handler in a controller that declares no subscription.
 */
export function bindSubscribers(modules: ModulesContainer): Scan {
  const scanner = new MetadataScanner();
  const scan: Scan = { subscribers: [], declared: new Set() };
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, Method>;
      const name = instance.constructor.name;
      const methods = scanner
        .getAllMethodNames(prototype)
        .filter((key) => Reflect.getMetadata(PATTERN_METADATA, prototype[key]) !== undefined);
      if (methods.length === 0) continue;
      if (!('subscription' in instance))
        throw new Error(`${name} has @EventPattern handlers but declares no subscription (EventSubscriber)`);
      refuseEnhancers(name, instance.constructor);
      const subscription = (instance as unknown as EventSubscriber).subscription;
      const handlers = new Map<string, BoundHandler>();
      for (const key of methods) {
        const method = prototype[key];
        const where = `${name}.${key}`;
        if (Reflect.getMetadata(PATTERN_HANDLER_METADATA, method) !== PatternHandler.EVENT)
          throw new Error(`${where}: Kafka events get no reply; use @EventPattern, not @MessagePattern`);
        refuseEnhancers(where, method);
        const bound = bindMethod(
          where,
          instance,
          method,
          Reflect.getMetadata(ROUTE_ARGS_METADATA, instance.constructor, key) ?? {},
        );
        for (const pattern of Reflect.getMetadata(PATTERN_METADATA, method) as unknown[]) {
          const def = typeof pattern === 'string' ? findEventByName(pattern) : undefined;
          if (!def) throw new Error(`${where}: @EventPattern(${JSON.stringify(pattern)}) names no event of the catalogue`);
          if (handlers.has(def.name)) throw new Error(`${where}: ${def.name} is handled twice in ${name}`);
          if (subscription && !subscription.topics.includes(def.topic))
            throw new Error(`${where}: ${def.name} is on ${def.topic}, which ${subscription.group} does not read`);
          handlers.set(def.name, bound);
          scan.declared.add(def.name);
        }
      }
      if (subscription) scan.subscribers.push({ name, subscription, handlers });
    }
  }
  return scan;
}

function refuseEnhancers(where: string, target: object): void {
  for (const [key, what] of [
    [GUARDS_METADATA, 'guards'],
    [INTERCEPTORS_METADATA, 'interceptors'],
    [PIPES_METADATA, 'pipes'],
    [EXCEPTION_FILTERS_METADATA, 'exception filters'],
  ]) {
    const enhancers = Reflect.getMetadata(key, target) as unknown[] | undefined;
    if (enhancers?.length) throw new Error(`${where}: event handlers run no ${what}; validate and handle errors in the handler`);
  }
}

/** The method as a BoundHandler, its arguments placed once and for all. */
function bindMethod(
  where: string,
  instance: object,
  method: Method,
  params: Record<string, { index: number; data?: unknown; pipes?: unknown[] }>,
): BoundHandler {
  let payloadAt = -1;
  let contextAt = -1;
  let property: string | undefined;
  for (const [key, { index, data, pipes }] of Object.entries(params)) {
    const type = Number(key.split(':')[0]);
    if (pipes?.length)
      throw new Error(`${where}: event handlers run no pipes; the consumer has validated the payload against its contract`);
    if (type === RpcParamtype.PAYLOAD) {
      payloadAt = index;
      property = typeof data === 'string' ? data : undefined;
    } else if (type === RpcParamtype.CONTEXT) {
      contextAt = index;
    } else {
      throw new Error(`${where}: parameter ${index} is neither @Payload() nor @Ctx()`);
    }
  }
  const arity = Math.max(payloadAt, contextAt) + 1;
  if (method.length > arity) throw new Error(`${where}: every parameter needs @Payload() or @Ctx()`);
  if (property === undefined && payloadAt === 0 && contextAt === 1)
    return (payload, context) => method.call(instance, payload, context) as void | Promise<void>;
  if (property === undefined && payloadAt === 0 && contextAt === -1)
    return (payload) => method.call(instance, payload) as void | Promise<void>;
  if (payloadAt === -1 && contextAt === 0) return (_payload, context) => method.call(instance, context) as void | Promise<void>;
  return (payload, context) => {
    const args = new Array<unknown>(arity);
    if (payloadAt >= 0) args[payloadAt] = property === undefined ? payload : (payload as Record<string, unknown>)[property];
    if (contextAt >= 0) args[contextAt] = context;
    return method.apply(instance, args) as void | Promise<void>;
  };
}
