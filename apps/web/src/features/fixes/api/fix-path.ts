/** `/ai-sessions/{sid}/suggested-fixes/{fid}`: every lifecycle action hangs off it. */
export const fixPath = (sessionId: string, fixId: string) =>
  `/ai-sessions/${encodeURIComponent(sessionId)}/suggested-fixes/${encodeURIComponent(fixId)}`;
