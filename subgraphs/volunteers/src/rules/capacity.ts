/**
 * Capacity rule of volunteer assignments: a volunteer helps at most their
 * organisation's maxActiveAssignments people at the same time (active = not ended).
 */
export interface VolunteerCapacity {
  id: string;
  maxActiveAssignments: number;
}

/** Counts active assignments per volunteer and says who can take one more. */
export class CapacityLedger {
  private readonly active = new Map<string, number>();

  activeCount(volunteerId: string): number {
    return this.active.get(volunteerId) ?? 0;
  }

  hasCapacity(volunteer: VolunteerCapacity): boolean {
    return this.activeCount(volunteer.id) < volunteer.maxActiveAssignments;
  }

  /** Records one more active assignment; refuses when the volunteer is already full. */
  take(volunteer: VolunteerCapacity): void {
    if (!this.hasCapacity(volunteer)) throw new Error(`Volunteer ${volunteer.id} has no capacity left`);
    this.active.set(volunteer.id, this.activeCount(volunteer.id) + 1);
  }

  /** The least-loaded volunteer with room for one more (first in list order on ties); null when all are full. */
  leastLoaded<V extends VolunteerCapacity>(candidates: readonly V[]): V | null {
    let best: V | null = null;
    for (const v of candidates) {
      if (!this.hasCapacity(v)) continue;
      if (!best || this.activeCount(v.id) < this.activeCount(best.id)) best = v;
    }
    return best;
  }
}
