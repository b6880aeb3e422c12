export * from './access';
export * from './reference/units';
export * from './reference/rules';
export * from './identification';
export * from './text';
export * from './sdl';
export * from './demo';
export * from './compose/compose';
