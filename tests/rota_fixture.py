"""A rota for a copy of the tiny community (tests/fixtures/tiny stays as it is: golden pages
depend on it), shared by the rota's check, view and build tests."""
from __future__ import annotations

ROTA = """duties:
  - id: z-sat
    kind: 错时服务
    month: 11
    weekday: 周六
    start: "9:00"
    end: "12:00"
    posts: [p-xunluo]
    members: [m004]
    place: 小院社区服务站
    phone: "010-62001234"
  - id: z-1123
    kind: 值班
    date: 2026-11-23
    start: "8:30"
    end: "17:30"
    members: [m004]
    place: 小院社区服务站一楼
    phone: "010-62001234"
  - id: z-party
    kind: 值班
    date: 2026-11-23
    start: "18:00"
    end: "20:00"
    members: [m002]
    place: 党员活动室
    phone: "010-62001235"
    note: 党内学习值守
    audience: members
  - id: z-oct
    kind: 错时服务
    month: 10
    weekday: 周六
    start: "9:00"
    end: "11:00"
    posts: [p-xunluo]
    place: 小院社区服务站
    phone: "010-62001234"
  - id: z-dec
    kind: 值班
    month: 12
    weekday: 周三
    holidays: 照常
    start: "17:30"
    end: "19:30"
    members: [m001]
    place: 小院社区服务站
    phone: "010-62001234"
"""
