/**
 * A stand-in of ScriptApp's trigger calls and of Session's user key: triggers belong to the user
 * who made them, and each user sees only their own, as in Apps Script.
 */
export interface FakeTrigger {
  owner: string;
  handler: string;
  schedule: string;
  getHandlerFunction(): string;
}

export function fakeScriptApp() {
  const triggers: FakeTrigger[] = [];
  const calls: string[] = [];
  let user = 'alice';
  const ScriptApp = {
    /** The current user's triggers (of this document: the stand-in serves one document). */
    getUserTriggers() {
      calls.push('getUserTriggers');
      return triggers.filter((trigger) => trigger.owner === user);
    },
    deleteTrigger(trigger: FakeTrigger) {
      calls.push('deleteTrigger');
      triggers.splice(triggers.indexOf(trigger), 1);
    },
    newTrigger(handler: string) {
      calls.push(`newTrigger(${handler})`);
      const parts: string[] = [];
      const builder = {
        timeBased: () => builder,
        everyDays: (days: number) => (parts.push(`everyDays(${days})`), builder),
        atHour: (hour: number) => (parts.push(`atHour(${hour})`), builder),
        create: () => {
          calls.push(`create ${parts.join('.')}`);
          const trigger = {
            owner: user,
            handler,
            schedule: parts.join('.'),
            getHandlerFunction: () => handler,
          };
          triggers.push(trigger);
          return trigger;
        },
      };
      return builder;
    },
  };
  const Session = { getTemporaryActiveUserKey: () => user };
  return {
    ScriptApp,
    Session,
    triggers,
    calls,
    actAs(name: string) {
      user = name;
    },
  };
}
