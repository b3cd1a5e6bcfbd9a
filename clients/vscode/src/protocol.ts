// The wire types and names, from the generated mirror of Maestro.Protocol (clients/protocol). esbuild bundles it.
export * from '../../protocol/protocol';
