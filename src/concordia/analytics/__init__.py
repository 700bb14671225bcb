"""Analytics: flows, waiting times, staffing (Erlang C and simulation), forecasts, diversion."""
