export type ScreenName = 'queue' | 'terminals' | 'handover' | 'bookings' | 'feedback' | 'audit' | 'staff' | 'bundles';
export type Route =
  | { screen: ScreenName }
  | { screen: 'assist'; requestId: string }
  | { screen: 'usage'; terminalId: string; name: string };
