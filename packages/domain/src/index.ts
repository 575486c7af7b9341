export * from './text.ts';
export * from './validation.ts';
export * from './identity.ts';
export * from './apps.ts';
export * from './lifecycle.ts';
export * from './completeness.ts';
export * from './urls.ts';
export * from './account-linking.ts';
