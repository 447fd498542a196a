package com.example.weather;

import dev.custody.core.cases.ToolLoop;
import dev.custody.core.cases.ToolLoopCases;
import dev.custody.core.cases.ToolLoopRequest;

/**
 * Stands for application code calling a model SDK: the class and method a tool loop is named after.
 */
public final class WeatherDesk {

  private WeatherDesk() {}

  public static ToolLoop ask(ToolLoopCases loops, ToolLoopRequest request) {
    return loops.beforeModelCall(request);
  }
}
