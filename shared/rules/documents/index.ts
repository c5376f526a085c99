export * from './cpf';
export * from './cnpj';
export * from './rg';
export * from './email';
export * from './mobile';
