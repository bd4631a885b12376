export declare const REQUIRED_ADDON: string;
export declare function addonAbis(binary: Uint8Array): number[];
export declare function electronAbi(electronVersion: string): Promise<number>;
export declare function nativeAbiProblems(unpackedDir: string, expectedAbi: number): string[];
