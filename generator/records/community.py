"""community.yml: who the community is, where its office is, and how to reach and supervise it."""
from __future__ import annotations

from typing import Literal

from generator.records.base import Count, Date, ListOf, OptText, Record, Text, Url


class Organization(Record):
    name: Text
    """组织全称：如“中共青年路街道和平里社区委员会”。"""
    kind: Literal["党委", "党总支", "党支部"]
    """组织类别：党委、党总支或党支部。"""


class Office(Record):
    address: Text
    """办公地址：党群服务中心的地址（办公地址可以公开，个人住址不可以）。"""
    phone: Text
    """办公电话：组织的座机，如 "010-64213300"；不要写个人手机。"""


class Hours(Record):
    days: Text
    """时间段：如“周一至周五”。"""
    time: Text
    """时间：如 "8:30-17:30"。"""
    note: OptText = None
    """说明：如“错时服务”“节假日轮流值班”。"""


class Supervision(Record):
    phone: Text
    """监督电话：组织公开的监督电话。"""
    mailbox: Text
    """意见箱：意见箱所在的位置。"""
    reception: Text
    """接待日：如“每月第一个周三上午”。"""
    email: OptText = None
    """监督邮箱：可不填。"""


class Kiosk(Record):
    interval: Count = 12
    """轮播间隔：大屏每页停留的秒数，默认 12。"""
    idle: Count = 90
    """无人操作多久后恢复轮播（秒），默认 90。"""


class CommunityFile(Record):
    name: Text
    """社区名称：如“和平里社区”。"""
    short_name: Text
    """简称：如“和平里”，用于门户和大屏。"""
    street: Text
    """所属街道：如“青年路街道”。"""
    district: Text
    """所属区：如“东城区”。"""
    organization: Organization
    """社区党组织：全称和类别。"""
    office: Office
    """党群服务中心：办公地址和办公电话。"""
    hours: ListOf[Hours]
    """办公时间：每个时间段一行，含错时服务。"""
    supervision: Supervision
    """监督渠道：监督电话、意见箱、接待日。"""
    phones: ListOf[Text] = []
    """其他可公开的组织电话：如便民服务热线；只写组织的座机。"""
    about: OptText = None
    """社区简介：一两段话，可用 Markdown。"""
    base_url: Url | None = None
    """公开网址：本社区网站的地址，如 https://dangwu.example.cn/hepingli/，用于二维码。"""
    masking: Literal["full", "middle", "surname"] = "middle"
    """姓名显示：full 全名，middle 张*明，surname 张*；班子成员和岗位负责人总是显示全名。"""
    kiosk: Kiosk | None = None
    """大屏设置：轮播间隔和无人操作的等待时间。"""
    records_since: Date | None = None
    """开始记录的日期：本社区从这一天起在这里记录；这以前的月份、季度不检查三会一课是否按时、公开目录是否按期公开。不填则从最早一年的 1 月 1 日算起。"""  # noqa: E501 — one line: it is the editor's description
