import type { AfterPackContext } from 'electron-builder';
export default function checkNatives(context: AfterPackContext): Promise<void>;
