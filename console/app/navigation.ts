export type ScreenName = 'queue' | 'terminals' | 'handover' | 'bookings' | 'audit' | 'staff';
export type Route =
  | { screen: ScreenName }
  | { screen: 'assist'; requestId: string }
  | { screen: 'usage'; terminalId: string; name: string };
