"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartPoint = { label: string; pledged: number; released: number };

/**
 * The funder's pledged and released amounts month by month, for one currency. A picture
 * only: it is hidden from assistive technology, and the page shows the same figures,
 * exact, in a table right after it. The numbers here are for plotting; no sum is made.
 */
export function FunderChart({
  points,
  currency,
  locale,
  labels,
}: {
  points: ChartPoint[];
  currency: string;
  locale: string;
  labels: { pledged: string; released: string };
}) {
  const axis = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  const exact = new Intl.NumberFormat(locale, { style: "currency", currency });
  return (
    <div aria-hidden="true" className="h-64 w-full print:hidden" data-testid={`funder-chart-${currency}`}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 256 }}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d5dfdc" strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fill: "#52615f", fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => axis.format(v)} tick={{ fill: "#52615f", fontSize: 12 }} width={72} />
          <Tooltip formatter={(v) => exact.format(Number(v))} />
          <Legend />
          <Line type="monotone" dataKey="pledged" name={labels.pledged} stroke="#0d6b61" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          <Line
            type="monotone"
            dataKey="released"
            name={labels.released}
            stroke="#a8322d"
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
