export type ScreenName = 'queue' | 'terminals' | 'handover' | 'audit' | 'staff';
export type Route = { screen: ScreenName } | { screen: 'assist'; requestId: string };
