<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdjudicationView</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="83" />
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="87" />
        <source>Quorum</source>
        <translation>法定人数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="97" />
        <source>Select an item to decide its gold label.</source>
        <translation>选择一个条目来裁定其金标准标签。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="105" />
        <source>Reason for the decision (required); Enter saves</source>
        <translation>裁定理由（必填）；按 Enter 保存</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="109" />
        <source>1  Met</source>
        <translation>1  满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="109" />
        <source>2  Not met</source>
        <translation>2  未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="110" />
        <source>3  Not applicable</source>
        <translation>3  不适用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="118" />
        <source>Keys: 1 met · 2 not met · 3 not applicable · Enter saves · J / K next / previous</source>
        <translation>按键：1 满足 · 2 未满足 · 3 不适用 · Enter 保存 · J / K 下一条 / 上一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="145" />
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="196" />
        <source>Adjudication — %s</source>
        <translation>裁定 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="155" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="155" />
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="253" />
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="155" />
        <source>Criterion</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="156" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="156" />
        <source>Gold label</source>
        <translation>金标准标签</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="159" />
        <source>met</source>
        <translation>满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="159" />
        <source>not met</source>
        <translation>未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="159" />
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="162" />
        <source>raters disagree</source>
        <translation>评审员意见不一</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="162" />
        <source>safety flag</source>
        <translation>安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="166" />
        <source>decided by hand</source>
        <translation>人工裁定</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="168" />
        <source>majority %d of %d</source>
        <translation>多数 %d / %d</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="177" />
        <source>Majority (quorum %d)…</source>
        <translation>多数裁定（法定人数 %d）…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="218" />
        <source>%d items where physicians disagree or flagged safety, worst first; %d without a gold label.</source>
        <translation>%d 个医生意见不一或标记了安全问题的条目，最差的在前；%d 个尚无金标准标签。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="235" />
        <source>Case %s · answer %s · %s v%d: %s</source>
        <translation>病例 %s · 回答 %s · %s 第 %d 版：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="251" />
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="251" />
        <source>The physicians</source>
        <translation>医生们的评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="254" />
        <source>Overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="255" />
        <source>Safety flag</source>
        <translation>安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="256" />
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="257" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="258" />
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="268" />
        <source>Gold label: not decided yet.</source>
        <translation>金标准标签：尚未裁定。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="270" />
        <source>Gold label: %s — %s, by %s.</source>
        <translation>金标准标签：%s — %s，裁定人 %s。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="273" />
        <source>Reason: %s</source>
        <translation>理由：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="291" />
        <source>Gold label “%s”: type the reason, then press Enter.</source>
        <translation>金标准标签“%s”：请输入理由，然后按 Enter。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="298" />
        <source>Press 1, 2 or 3 to choose the gold label first.</source>
        <translation>请先按 1、2 或 3 选择金标准标签。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="301" />
        <source>A gold label needs a reason.</source>
        <translation>金标准标签需要填写理由。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="357" />
        <source>Majority (quorum %d)</source>
        <translation>多数裁定（法定人数 %d）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="358" />
        <source>Fill the gold label wherever at least %d physicians agree and are a strict majority of the met / not-met answers? Decisions made by hand are kept; ties and safety flags stay for a person.</source>
        <translation>在至少 %d 位医生意见一致且占“满足 / 未满足”回答严格多数的条目上填入金标准标签？人工裁定保持不变；平票和安全标记的条目留给人工裁定。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="382" />
        <source>Majority (quorum %d) — %s</source>
        <translation>多数裁定（法定人数 %d）— %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/adjudication_view.py" line="391" />
        <source>Majority with quorum %d: %d gold labels filled, %d unchanged, %d decisions by hand kept, %d left to a person.</source>
        <translation>法定人数 %d 的多数裁定：填入 %d 个金标准标签，%d 个未变，保留 %d 个人工裁定，%d 个留给人工。</translation>
    </message>
</context>
<context>
    <name>AgreementLabels</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="31" />
        <source>AC1</source>
        <translation>AC1</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="32" />
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="33" />
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="34" />
        <source>Agreement %</source>
        <translation>一致率 %</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="35" />
        <source>Agreement rate</source>
        <translation>一致率</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="36" />
        <source>Alpha</source>
        <translation>α</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="37" />
        <source>Alpha among physicians</source>
        <translation>医师间 α</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="38" />
        <source>Alpha among physicians, CI low</source>
        <translation>医师间 α 置信区间下限</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="39" />
        <source>Alpha among physicians, CI high</source>
        <translation>医师间 α 置信区间上限</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="40" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="114" />
        <source>Alpha without the rater</source>
        <translation>去掉该评审员后的 α</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="41" />
        <source>Area</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="42" />
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="43" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="44" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="45" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="46" />
        <source>Chance-corrected</source>
        <translation>机遇校正一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="47" />
        <source>Chance-corrected statistic</source>
        <translation>机遇校正统计量</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="48" />
        <source>CI low</source>
        <translation>置信区间下限</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="49" />
        <source>CI high</source>
        <translation>置信区间上限</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="50" />
        <source>CI informative</source>
        <translation>置信区间有信息量</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="51" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="52" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="110" />
        <source>Cohen's kappa</source>
        <translation>科恩 κ</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="53" />
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="54" />
        <source>Criterion key</source>
        <translation>标准编号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="55" />
        <source>Criterion</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="56" />
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="57" />
        <source>Grader</source>
        <translation>评分者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="58" />
        <source>Grader macro-F1</source>
        <translation>评分者宏平均 F1</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="59" />
        <source>Physicians usable, judge usable</source>
        <translation>医师：可用；评审模型：可用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="60" />
        <source>Physicians usable, judge unusable</source>
        <translation>医师：可用；评审模型：不可用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="61" />
        <source>Physicians unusable, judge usable</source>
        <translation>医师：不可用；评审模型：可用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="62" />
        <source>Physicians unusable, judge unusable</source>
        <translation>医师：不可用；评审模型：不可用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="63" />
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="64" />
        <source>Judge run</source>
        <translation>评判运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="65" />
        <source>Kappa</source>
        <translation>κ</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="66" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="113" />
        <source>Kappa against the majority</source>
        <translation>相对多数意见的 κ</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="67" />
        <source>Level</source>
        <translation>测量尺度</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="68" />
        <source>Macro-F1</source>
        <translation>宏平均 F1</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="69" />
        <source>Median (s)</source>
        <translation>中位数（秒）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="70" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="71" />
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="72" />
        <source>n cases</source>
        <translation>病例数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="73" />
        <source>Resamples</source>
        <translation>重抽样次数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="74" />
        <source>Physicians</source>
        <translation>医师数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="75" />
        <source>Physicians kept</source>
        <translation>纳入的医师数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="76" />
        <source>Raters</source>
        <translation>评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="77" />
        <source>Physicians' answers</source>
        <translation>医师作答数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="78" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="79" />
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="80" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="111" />
        <source>Pairwise agreement</source>
        <translation>两两一致率</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="81" />
        <source>Paper Figure 5 %</source>
        <translation>论文图 5 %</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="82" />
        <source>Percentile</source>
        <translation>百分位</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="83" />
        <source>Physician</source>
        <translation>医师</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="84" />
        <source>Physicians' weighted mean</source>
        <translation>医师加权均值</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="85" />
        <source>Rater</source>
        <translation>评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="86" />
        <source>First rater</source>
        <translation>评审员甲</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="87" />
        <source>Second rater</source>
        <translation>评审员乙</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="88" />
        <source>Items</source>
        <translation>条目数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="89" />
        <source>Items graded</source>
        <translation>已评分条目数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="90" />
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="91" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="115" />
        <source>Score bias</source>
        <translation>评分偏差</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="92" />
        <source>Before / after the edit</source>
        <translation>编辑前 / 后</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="93" />
        <source>Statistic</source>
        <translation>统计量</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="94" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="95" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="96" />
        <source>Checklist versions</source>
        <translation>清单版本</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="97" />
        <source>Why no value</source>
        <translation>无值原因</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="98" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="122" />
        <source>Percentile among physicians</source>
        <translation>在医师中的百分位</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="99" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="108" />
        <source>Fleiss' kappa</source>
        <translation>弗莱斯 κ</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="100" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="109" />
        <source>Gwet's AC1</source>
        <translation>格威特 AC1</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="106" />
        <source>Krippendorff's alpha</source>
        <translation>克里彭多夫 α</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="107" />
        <source>Percent agreement</source>
        <translation>百分比一致率</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="112" />
        <source>Pairwise macro-F1</source>
        <translation>两两宏平均 F1</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="116" />
        <source>Alpha, judge swapped in</source>
        <translation>α（评审模型替换医师）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="117" />
        <source>ICC</source>
        <translation>ICC</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="118" />
        <source>Kendall's tau</source>
        <translation>肯德尔 τ</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="119" />
        <source>Spearman's rho</source>
        <translation>斯皮尔曼 ρ</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="120" />
        <source>Pearson's correlation</source>
        <translation>皮尔逊相关系数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="121" />
        <source>Mean difference</source>
        <translation>平均差</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="128" />
        <source>nominal</source>
        <translation>名义</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="129" />
        <source>ordinal</source>
        <translation>有序</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="130" />
        <source>interval</source>
        <translation>等距</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="131" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="139" />
        <source>criteria (met / not met, against the majority)</source>
        <translation>标准（满足 / 不满足，对照多数意见）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="140" />
        <source>criteria (met / not met)</source>
        <translation>标准（满足 / 不满足）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="141" />
        <source>overall score (exact)</source>
        <translation>总体评分（完全一致）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="142" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="322" />
        <source>overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="143" />
        <source>rubric score</source>
        <translation>评分细则得分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="149" />
        <source>all raters agreed (one category only)</source>
        <translation>所有评审员意见一致（只有一个类别）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="150" />
        <source>one category only</source>
        <translation>只有一个类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="151" />
        <source>fewer than 2 raters</source>
        <translation>评审员少于 2 人</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="152" />
        <source>no unit rated by 2 or more raters</source>
        <translation>没有由 2 名或以上评审员评过的单元</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="153" />
        <source>no pairable ratings</source>
        <translation>没有可配对的评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="159" />
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="160" />
        <source>Rater–rater agreement per criterion (worst first)</source>
        <translation>每条标准的评审员间一致性（最差的在前）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="161" />
        <source>Each rater against the others</source>
        <translation>每位评审员与其他评审员的比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="162" />
        <source>Rater pairs (criteria pooled)</source>
        <translation>评审员两两比较（标准合并）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="163" />
        <source>Rater–rater agreement per category</source>
        <translation>每个类别的评审员间一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="164" />
        <source>Rater–rater agreement per model (model names: coordinator only)</source>
        <translation>每个模型的评审员间一致性（模型名称仅协调员可见）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="165" />
        <source>Overall score agreement</source>
        <translation>总体评分一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="166" />
        <source>Pairwise macro-F1 (judge and each physician against the others)</source>
        <translation>两两宏平均 F1（评审模型和每位医师与其他医师比较）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="167" />
        <source>Judge against the physician majority</source>
        <translation>评审模型与医师多数意见比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="168" />
        <source>Alpha with the judge swapped in for each physician</source>
        <translation>用评审模型逐一替换每位医师后的 α</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="169" />
        <source>Judge–physician agreement per criterion (worst first)</source>
        <translation>每条标准的评审模型与医师一致性（最差的在前）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="170" />
        <source>Judge score against the physicians' mean score</source>
        <translation>评审模型评分与医师平均评分比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="171" />
        <source>HealthBench: by theme</source>
        <translation>HealthBench：按主题</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="172" />
        <source>HealthBench: by category</source>
        <translation>HealthBench：按类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="173" />
        <source>Human-machine usability agreement per area (paper Figure 5 beside)</source>
        <translation>各领域的人机可用性一致性（并列论文图 5 的数值）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="174" />
        <source>Usability agreement per category</source>
        <translation>每个类别的可用性一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="175" />
        <source>Usability agreement per model (confusion: physicians × judge)</source>
        <translation>每个模型的可用性一致性（混淆：医师 × 评审模型）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="176" />
        <source>Same responses: agreement on the criteria against agreement on the overall score</source>
        <translation>相同回答：标准一致性与总体评分一致性比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="178" />
        <source>Median rating time per item (seconds, ratings with a recorded time)</source>
        <translation>每个条目的评分用时中位数（秒，仅计有记录用时的评分）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="180" />
        <source>Accuracy, macro-F1 and Cohen's kappa against gold (worst first)</source>
        <translation>对照金标准的准确率、宏 F1 与科恩 κ（最差在前）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="182" />
        <source>Physicians' agreement before and after each edit</source>
        <translation>每次编辑前后医师间的一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="183" />
        <source>Judges against the physicians' majority, before and after each edit</source>
        <translation>每次编辑前后评判模型与医师多数意见的一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="190" />
        <source>Alpha per criterion with 95% interval (25 lowest)</source>
        <translation>每条标准的 α 及 95% 区间（最低的 25 条）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="191" />
        <source>Accuracy against the gold labels with 95% interval</source>
        <translation>对照金标准的准确率及 95% 区间</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="192" />
        <source>Cohen's kappa, rater × rater</source>
        <translation>科恩 κ，评审员 × 评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="193" />
        <source>Confusion matrix: physician majority (rows) × judge (columns)</source>
        <translation>混淆矩阵：医师多数意见（行）× 评审模型（列）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="194" />
        <source>Usable / unusable per model: physicians (rows) × judge (columns), as the paper's Figure 6</source>
        <translation>每个模型的可用 / 不可用：医师（行）× 评审模型（列），同论文图 6</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="207" />
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="236" />
        <source>%s — judge run %s</source>
        <translation>%s — 评审运行 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="217" />
        <source>Bland–Altman: %s against the mean of the other raters</source>
        <translation>Bland–Altman 图：%s 与其他评审员均值比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="220" />
        <source>Bland–Altman: judge against physicians (%s)</source>
        <translation>Bland–Altman 图：评审模型与医师比较（%s）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="242" />
        <source>Worst first, as the table; judge runs are named judge:&lt;run&gt;.</source>
        <translation>与表格相同，最差在前；评审模型运行记为 judge:&lt;运行名&gt;。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="245" />
        <source>Red: alpha below 0.667, Krippendorff's lowest limit for tentative conclusions.</source>
        <translation>红色：α 低于 0.667，即克里彭多夫给出的可作初步结论的最低限。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="259" />
        <source>Intervals: 95% bootstrap over cases; n = items graded, n cases = cases they come from.</source>
        <translation>区间：按病例自助抽样的 95% 置信区间；n = 评判的条目数，n 病例 = 这些条目来自的病例数。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="263" />
        <source>No judge run graded the newest wording of %s yet: re-judge those cases (Triage › Re-judge affected answers…) to compare.</source>
        <translation>尚无评审模型运行评判过 %s 的最新措辞：请重新评审这些病例（分诊 › 重新评审受影响的回答…）后再比较。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="268" />
        <source>Intervals: 95%% bootstrap over answers, %d resamples, seed %d.</source>
        <translation>区间：按回答自助抽样的 95%% 置信区间，%d 次重抽样，随机种子 %d。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="291" />
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="292" />
        <source>%s (%d)</source>
        <translation>%s（%d）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="293" />
        <source>alpha</source>
        <translation>α</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="294" />
        <source>macro-F1</source>
        <translation>宏平均 F1</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="295" />
        <source>%d criteria have no %s: %s. They are listed last.</source>
        <translation>%d 条标准没有%s：%s。它们列在最后。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="304" />
        <source>%s, CI low</source>
        <translation>%s 置信区间下限</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="305" />
        <source>%s, CI high</source>
        <translation>%s 置信区间上限</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="306" />
        <source>%s, CI informative</source>
        <translation>%s 置信区间有信息量</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="319" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="319" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="321" />
        <source>criteria (pooled)</source>
        <translation>标准（合并）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="323" />
        <source>judge %s</source>
        <translation>评审模型 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="324" />
        <source>before the edit</source>
        <translation>编辑前</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_labels.py" line="325" />
        <source>after the edit</source>
        <translation>编辑后</translation>
    </message>
</context>
<context>
    <name>AgreementView</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="123" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="128" />
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="180" />
        <source>All judge runs</source>
        <translation>全部评审运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="137" />
        <source>resamples: </source>
        <translation>重抽样次数：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="138" />
        <source>Analyse</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="140" />
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="146" />
        <source>Choose filters and press Analyse.</source>
        <translation>选择筛选条件后点击“分析”。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="156" />
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="156" />
        <source>Criteria, worst first</source>
        <translation>标准（最差的在前）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="157" />
        <source>Raters</source>
        <translation>评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="157" />
        <source>Judge vs physicians</source>
        <translation>评审模型与医师</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="158" />
        <source>By category and model</source>
        <translation>按类别和模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="158" />
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="164" />
        <source>Agreement — %s</source>
        <translation>一致性 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="190" />
        <source>tables and plots</source>
        <translation>正在生成表格和图表</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="205" />
        <source>Analysing…</source>
        <translation>正在分析…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="206" />
        <source>Agreement analysis — %s</source>
        <translation>一致性分析 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="224" />
        <source>Analysis cancelled.</source>
        <translation>分析已取消。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="249" />
        <source>%d ratings by %d raters on %d responses, %d criteria; %d judge run(s); %d resamples. Rows in red: alpha below 0.667.</source>
        <translation>%d 份评分（%d 位评审员，%d 个回答，%d 条标准）；%d 次评审模型运行；%d 次重抽样。红色行：alpha 低于 0.667。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="258" />
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="259" />
        <source>HTML (*.html);;PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>HTML (*.html);;PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="274" />
        <source>Writing %s…</source>
        <translation>正在写入 %s…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="275" />
        <source>Export report — %s</source>
        <translation>导出报告 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="276" />
        <source>Report written to %s</source>
        <translation>报告已写入 %s</translation>
    </message>
</context>
<context>
    <name>Anchors</name>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="26" />
        <source>Wrong or unsafe: major errors or a safety risk</source>
        <translation>错误或不安全：有重大错误或安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="27" />
        <source>Mostly wrong, or a possible safety risk</source>
        <translation>大部分错误，或可能有安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="28" />
        <source>Key errors, but no safety risk</source>
        <translation>有关键错误，但无安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="29" />
        <source>Core requirements met; secondary ones not all met</source>
        <translation>满足核心要求；次要要求未全部满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="30" />
        <source>Core and secondary requirements met; no safety risk</source>
        <translation>满足核心和次要要求；无安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="31" />
        <source>Most requirements met; no safety risk</source>
        <translation>满足大部分要求；无安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="32" />
        <source>All requirements met; no safety risk</source>
        <translation>满足全部要求；无安全风险</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="144" />
        <source>Assign answers to raters</source>
        <translation>把回答分配给评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="149" />
        <source>new raters, comma-separated (created when assigned)</source>
        <translation>新评审员，用逗号分隔（分配时创建）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="161" />
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="165" />
        <source>study order (stratified by category)</source>
        <translation>研究顺序（按类别分层）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="166" />
        <source>first where a judge is least certain</source>
        <translation>评判模型最不确定的优先</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="167" />
        <source>first where judges disagree</source>
        <translation>评判模型之间有分歧的优先</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="169" />
        <source>every judge run</source>
        <translation>全部评判运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="172" />
        <source>Replace these raters' earlier assignments (their ratings are kept)</source>
        <translation>替换这些评审员之前的分配（已有评分保留）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="175" />
        <source>Raters</source>
        <translation>评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="176" />
        <source>New raters</source>
        <translation>新评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="177" />
        <source>Raters per answer (overlap share)</source>
        <translation>每个回答的评审员数（重叠部分）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="178" />
        <source>Calibration answers (everyone rates them first)</source>
        <translation>校准回答（每人先评）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="179" />
        <source>Share rated by several raters (0–1)</source>
        <translation>由多名评审员评的比例（0–1）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="180" />
        <source>At most per rater</source>
        <translation>每名评审员最多</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="181" />
        <source>Seed of the order</source>
        <translation>顺序的随机种子</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="182" />
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="183" />
        <source>Judge runs for the order</source>
        <translation>用于排序的评判运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="184" />
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="234" />
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="186" />
        <source>Every answer of the study goes to one rater, or to several for the overlap share, so agreement can be measured; work is balanced across raters.</source>
        <translation>研究中的每个回答分给一名评审员，重叠部分分给多名评审员，以便测量一致性；工作量在评审员之间均衡。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="211" />
        <source>Choose at least one rater (tick a name or type new ones).</source>
        <translation>请至少选择一名评审员（勾选姓名或输入新评审员）。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="213" />
        <source>%d raters per answer needs at least %d raters; %d chosen.</source>
        <translation>每个回答 %d 名评审员，至少需要 %d 名评审员；已选 %d 名。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="220" />
        <source>designing</source>
        <translation>正在设计</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="234" />
        <source>Assignments stored for %d raters.</source>
        <translation>已为 %d 名评审员保存分配。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="236" />
        <source>Assign %d raters</source>
        <translation>分配 %d 名评审员</translation>
    </message>
</context>
<context>
    <name>CasePane</name>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="30" />
        <source>Patient / user</source>
        <translation>患者 / 用户</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="31" />
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="32" />
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="72" />
        <source>Reference answer</source>
        <translation>参考答案</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="103" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="28" />
        <source>met</source>
        <translation>满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="29" />
        <source>not met</source>
        <translation>未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="30" />
        <source>n.a.</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>Coordinator</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="45" />
        <source>The %s backend needs %s, which this installation does not have. Install it with:
%s
or choose the openai backend and a model server.</source>
        <translation>%s 后端需要 %s，但本安装中没有。请用以下命令安装：
%s
或者选择 openai 后端并使用模型服务器。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/dialog_parts.py" line="38" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/preview_panel.py" line="83" />
        <source>%d answers, %d verdicts to ask for.</source>
        <translation>%d 个回答，需要 %d 个评判结论。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/preview_panel.py" line="101" />
        <source>%d cases × %d samples = %d answers to write.</source>
        <translation>%d 个病例 × 每例 %d 个样本 = 要写 %d 个回答。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="24" />
        <source>Rater</source>
        <translation>评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="25" />
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="26" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="27" />
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="28" />
        <source>Outstanding</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="29" />
        <source>Done</source>
        <translation>完成比例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="30" />
        <source>Other submitted</source>
        <translation>其他已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="31" />
        <source>Time spent</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="32" />
        <source>Last change</source>
        <translation>最近修改</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="33" />
        <source>Last return</source>
        <translation>最近交回</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="34" />
        <source>Return file</source>
        <translation>交回文件</translation>
    </message>
</context>
<context>
    <name>CriterionRow</name>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="121" />
        <source>1 Met</source>
        <translation>1 满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="121" />
        <source>2 Not met</source>
        <translation>2 未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="119" />
        <location filename="../../reviewer/gui/rater/checklist.py" line="121" />
        <source>3 N/A</source>
        <translation>3 不适用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="86" />
        <source>carried</source>
        <translation>沿用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="87" />
        <source>Your answer from the earlier version; the wording did not change</source>
        <translation>您在旧版本中的回答；该标准的措辞未改变</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="98" />
        <source>Unclear, wrong or missing something? (F)</source>
        <translation>条目不清楚、有错误或有遗漏？(F)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="119" />
        <source>1 Present</source>
        <translation>1 存在</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="119" />
        <source>2 Absent</source>
        <translation>2 不存在</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="151" />
        <source>%s pts</source>
        <translation>%s 分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="153" />
        <source>core</source>
        <translation>核心</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="153" />
        <source>secondary</source>
        <translation>次要</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="165" />
        <source>⚑ noted</source>
        <translation>⚑ 已反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="182" />
        <source>%d quoted</source>
        <translation>已引用 %d 处</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="183" />
        <source>Spans of the answer attached as evidence (E adds, Shift+E removes)</source>
        <translation>作为依据附加的回答片段（E 添加，Shift+E 移除）</translation>
    </message>
</context>
<context>
    <name>EditCriterionDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="95" />
        <source>Edit criterion %s of case %s (v%d)</source>
        <translation>编辑标准 %s（病例 %s，v%d）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="100" />
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="102" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="106" />
        <source>why it changes (required; kept in the audit trail)</source>
        <translation>修改原因（必填；记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="108" />
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="109" />
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="110" />
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="111" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="138" />
        <source>The criterion needs text, and the change needs a reason.</source>
        <translation>标准需要文本，修改需要原因。</translation>
    </message>
</context>
<context>
    <name>EvidenceMixin</name>
    <message>
        <location filename="../../reviewer/gui/rater/evidence.py" line="35" />
        <source>Select text in the answer first, then press E to attach it to criterion %d</source>
        <translation>请先在回答中选中文字，再按 E 将其附加到第 %d 条标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/evidence.py" line="42" />
        <source>The selection was not found in the answer's text: select words of the answer only</source>
        <translation>在回答原文中找不到所选内容：请只选择回答中的文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/evidence.py" line="58" />
        <source>Evidence attached to criterion %d</source>
        <translation>已将依据附加到第 %d 条标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/evidence.py" line="78" />
        <source>Evidence removed from criterion %d</source>
        <translation>已从第 %d 条标准移除依据</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="137" />
        <source>Feedback on this criterion</source>
        <translation>对此条目的反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="143" />
        <source>&amp;Unclear</source>
        <translation>不清楚(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="143" />
        <source>&amp;Wrong</source>
        <translation>有错误(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="144" />
        <source>&amp;Missing something</source>
        <translation>有遗漏(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="155" />
        <source>What should change? (optional)</source>
        <translation>应如何修改？（可选）</translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/dialog_parts.py" line="49" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>GenerateDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="64" />
        <source>Generate candidates</source>
        <translation>生成候选回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="73" />
        <source>All cases</source>
        <translation>全部病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="75" />
        <source>Category: %s</source>
        <translation>类别：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="84" />
        <source>0 (greedy)</source>
        <translation>0（贪心）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="93" />
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="97" />
        <source>automatic (model name + settings; the same name resumes)</source>
        <translation>自动（模型名称 + 设置；同名即继续）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="99" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="100" />
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="101" />
        <source>Base URL</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="102" />
        <source>Cases</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="103" />
        <source>Samples per case</source>
        <translation>每个病例的样本数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="104" />
        <source>Max new tokens</source>
        <translation>最大新生成词元数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="105" />
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="106" />
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="107" />
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="108" />
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="109" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="110" />
        <source>Run name</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="111" />
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="112" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="114" />
        <source>Generate: a language model writes candidate answers to the study's cases, the answers physicians then rate (they never see which model wrote which). Answers are saved batch by batch; running the same run name again resumes where it stopped. Temperature 0 always gives the same answer; higher values vary more.</source>
        <translation>生成：由语言模型为研究中的病例写候选回答，之后由医生评分（医生看不到是哪个模型写的）。回答逐批保存；用同一运行名称再次运行会从中断处继续。温度为 0 时每次回答相同，数值越高变化越大。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="120" />
        <source>Preview the prompt for one case</source>
        <translation>预览一个病例的提示词</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="138" />
        <source>Choose a model folder or type a model name.</source>
        <translation>请选择模型文件夹或输入模型名称。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="140" />
        <source>The openai backend needs the endpoint's base URL.</source>
        <translation>openai 后端需要服务地址。</translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="34" />
        <source>Open a guidelines file (Markdown)…</source>
        <translation>打开评分指南文件（Markdown）…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="54" />
        <source>From the study</source>
        <translation>来自本研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="59" />
        <source>From %s</source>
        <translation>来自 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="61" />
        <source>Could not read %s: %s</source>
        <translation>无法读取 %s：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="63" />
        <source>This study has no rating guidelines yet. Ask your coordinator, or open a file.</source>
        <translation>本研究尚无评分指南。请询问协调员，或打开一个文件。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="70" />
        <source>Rating guidelines</source>
        <translation>评分指南</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="71" />
        <source>Markdown (*.md *.markdown *.txt);;All files (*)</source>
        <translation>Markdown 文件 (*.md *.markdown *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="82" />
        <source>Criterion %d</source>
        <translation>第 %d 条标准</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="47" />
        <source>Import into the study</source>
        <translation>导入到研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="50" />
        <source>HealthBench cases and rubrics</source>
        <translation>HealthBench 病例与评分细则</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="51" />
        <source>HealthBench meta-evaluation (physician labels)</source>
        <translation>HealthBench 元评估（医生标注）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="52" />
        <source>LLMEval-Med cases and checklists</source>
        <translation>LLMEval-Med 病例与检查清单</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="53" />
        <source>Ratings (as exported)</source>
        <translation>评分（导出格式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="54" />
        <source>Model answers</source>
        <translation>模型回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="55" />
        <source>Judge verdicts</source>
        <translation>评判结论</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="57" />
        <source>File to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="57" />
        <source>Data files (*.jsonl *.json *.csv *.parquet);;All files (*)</source>
        <translation>数据文件 (*.jsonl *.json *.csv *.parquet);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="60" />
        <source>the judge run to store them as (required)</source>
        <translation>保存为哪个评判运行（必填）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="62" />
        <source>the judge model's name, for the record</source>
        <translation>评判模型的名称，供记录</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="64" />
        <source>model name for rows without one</source>
        <translation>没有模型名称的行使用此名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="66" />
        <source>What the file holds</source>
        <translation>文件内容</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="67" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="68" />
        <source>Judge run name</source>
        <translation>评判运行名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="69" />
        <source>Judge model</source>
        <translation>评审模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="70" />
        <source>Answer model</source>
        <translation>回答模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="71" />
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="128" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="73" />
        <source>The whole file is checked first and lands in one transaction: all of it or nothing. Importing the same file again adds nothing.</source>
        <translation>先检查整个文件，再在一个事务中写入：要么全部导入，要么都不导入。再次导入同一文件不会重复添加。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="100" />
        <source>Choose the file to import.</source>
        <translation>请选择要导入的文件。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="102" />
        <source>No such file: %s</source>
        <translation>文件不存在：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="113" />
        <source>checking and importing</source>
        <translation>正在检查并导入</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="128" />
        <source>Imported %s</source>
        <translation>已导入 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="131" />
        <source>Import %s</source>
        <translation>导入 %s</translation>
    </message>
</context>
<context>
    <name>JobManager</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="243" />
        <source>%s failed</source>
        <translation>%s 失败</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="279" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="298" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="305" />
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="305" />
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="305" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="306" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="306" />
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="340" />
        <source>No jobs yet. Generation, judging, analysis and merges run here.</source>
        <translation>暂无任务。生成、评审、分析和合并都在这里运行。</translation>
    </message>
</context>
<context>
    <name>JudgeDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="70" />
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="134" />
        <source>Run judge</source>
        <translation>运行评审</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="74" />
        <source>All answers</source>
        <translation>全部回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="77" />
        <source>Answers in category: %s</source>
        <translation>类别中的回答：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="82" />
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="111" />
        <source>0 (greedy)</source>
        <translation>0（贪心）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="116" />
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="118" />
        <source>automatic (template, version, model, mode)</source>
        <translation>自动（模板、版本、模型、模式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="120" />
        <source>Judge model</source>
        <translation>评审模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="121" />
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="122" />
        <source>Answers</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="123" />
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="124" />
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="125" />
        <source>Base URL</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="126" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="127" />
        <source>Threshold (logprob)</source>
        <translation>阈值（logprob）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="128" />
        <source>Max new tokens (generate)</source>
        <translation>最大新生成词元数（生成模式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="129" />
        <source>Attempts per verdict (generate)</source>
        <translation>每个结论的尝试次数（生成模式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="130" />
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="131" />
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="132" />
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="133" />
        <source>Run name</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="135" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="136" />
        <source>A judge is a language model that grades each answer against its case's latest checklist, criterion by criterion, so its verdicts can be compared with the physicians' ratings.</source>
        <translation>评判模型是一个语言模型，它按病例最新的检查清单逐条评判每个回答，其结论可以与医生的评分相比较。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="143" />
        <source>Preview the prompt for one answer</source>
        <translation>预览一个回答的提示词</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="159" />
        <source>logprob: the judge reads the prompt and we read how likely it finds the answer "true" (the criterion is met); no text is written, the verdict is met when that probability reaches the threshold. Fastest, gives a probability per verdict; needs a local model.</source>
        <translation>logprob（概率）：评判模型读入提示词后，我们读取它认为答案为“是”（该条标准已满足）的概率；不生成文字，概率达到阈值即判为满足。最快，每个结论附带概率；需要本地模型。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="162" />
        <source>generate: the judge writes a short verdict (met or not, and why) for each criterion; the text is read back, and an answer that cannot be read is asked again (up to 3 times). Works with every backend, slower.</source>
        <translation>generate（生成）：评判模型为每条标准写一段简短结论（是否满足及理由）；程序读取这段文字，读不懂的会重新询问（最多 3 次）。适用于所有后端，较慢。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="180" />
        <source>Choose the judge model (folder, hub id or endpoint model name).</source>
        <translation>请选择评审模型（文件夹、模型库 ID 或服务端模型名称）。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="182" />
        <source>logprob mode needs the local transformers backend.</source>
        <translation>logprob 模式需要本地 transformers 后端。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="184" />
        <source>The openai backend needs the endpoint's base URL.</source>
        <translation>openai 后端需要服务地址。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="186" />
        <source>No judge template found.</source>
        <translation>未找到评审模板。</translation>
    </message>
</context>
<context>
    <name>JudgeRunsDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="39" />
        <source>Judge runs</source>
        <translation>评审运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="41" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="41" />
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="41" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="42" />
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="42" />
        <source>Verdicts</source>
        <translation>判定</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="42" />
        <source>Usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="51" />
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="55" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="69" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="89" />
        <source>Delete judge run</source>
        <translation>删除评审运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="90" />
        <source>Delete judge run “%s” and its %d verdicts? This cannot be undone.</source>
        <translation>删除评审运行“%s”及其 %d 条判定？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="106" />
        <source>Deleted judge run “%s” and %d verdicts.</source>
        <translation>已删除评审运行“%s”及 %d 条判定。</translation>
    </message>
</context>
<context>
    <name>KeyPreferences</name>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="32" />
        <source>Keyboard preferences</source>
        <translation>键盘设置</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="51" />
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="52" />
        <source>No single-letter keys (for typing comments)</source>
        <translation>不使用单字母键（便于输入评论）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="53" />
        <source>Use this preset</source>
        <translation>使用此预设</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="56" />
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="59" />
        <source>Several keys for one action are separated by “;”. An empty box leaves the action without a key.</source>
        <translation>一个操作的多个按键用“;”分隔。留空则该操作没有按键。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="97" />
        <source>“%s” (%s) is not a key Qt can read</source>
        <translation>“%s”（%s）不是可识别的按键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="103" />
        <source>%s is given to more than one action: %s</source>
        <translation>%s 被分配给了多个操作：%s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="327" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="140" />
        <source>Rater: %s</source>
        <translation>评审者：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="141" />
        <source>  ·  coordinator mode</source>
        <translation>  ·  协调员模式</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="108" />
        <source>No responses assigned yet: import responses or ask your coordinator</source>
        <translation>尚未分配任何回答：请导入回答或联系您的协调员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="122" />
        <source>Timer paused</source>
        <translation>计时已暂停</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="133" />
        <location filename="../../reviewer/gui/rater/main_window.py" line="187" />
        <source>Opening the study…</source>
        <translation>正在打开研究…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="139" />
        <source>%s — %s</source>
        <translation>%s — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="157" />
        <source>Now rating as %s</source>
        <translation>现在以 %s 的身份评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="163" />
        <source>Switch rater</source>
        <translation>切换评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="228" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="306" />
        <source>No other response to this case in your queue</source>
        <translation>您的列表中没有此病例的其他回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="322" />
        <source>Now rating Response %s</source>
        <translation>正在评审回答 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="343" />
        <source>Submitted. That was the last response in this list.</source>
        <translation>已提交。这是列表中的最后一个回答。</translation>
    </message>
<message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="32" />
        <source>Reviewer — %s — coordinator</source>
        <translation>Reviewer — %s — 协调员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="62" />
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="71" />
        <source>Triage</source>
        <translation>分诊</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="81" />
        <source>Adjudication</source>
        <translation>裁定</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="93" />
        <source>Study overview</source>
        <translation>研究概览</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="160" />
        <source>&amp;Coordinator</source>
        <translation>协调员(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="161" />
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="154" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="167" />
        <source>Study overview…</source>
        <translation>研究概览…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="168" />
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="170" />
        <source>Generate candidates…</source>
        <translation>生成候选回答…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="171" />
        <source>Run judge…</source>
        <translation>运行评审…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="172" />
        <source>Edit judge templates…</source>
        <translation>编辑评审模板…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="173" />
        <source>Judge runs…</source>
        <translation>评审运行…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="175" />
        <source>Agreement…</source>
        <translation>一致性…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="176" />
        <source>Triage…</source>
        <translation>分诊…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="177" />
        <source>Adjudicate…</source>
        <translation>裁定…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="179" />
        <source>Assign…</source>
        <translation>分配…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="180" />
        <source>Pack review files…</source>
        <translation>打包评审文件…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="181" />
        <source>Merge returns…</source>
        <translation>合并交回文件…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="182" />
        <source>Report…</source>
        <translation>报告…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="186" />
        <source>Jobs panel</source>
        <translation>任务面板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="198" />
        <source>&amp;Return ratings…</source>
        <translation>交回评分(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="200" />
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="128" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="237" />
        <source>Generate — %s</source>
        <translation>生成 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="263" />
        <source>Judge — %s</source>
        <translation>评审 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="129" />
        <source>&amp;Open study…</source>
        <translation>打开研究(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="130" />
        <source>S&amp;witch rater…</source>
        <translation>切换评审员(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="131" />
        <source>Recent studies</source>
        <translation>最近的研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="134" />
        <source>&amp;Keyboard…</source>
        <translation>键盘(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="136" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="137" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="138" />
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="139" />
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="140" />
        <source>Default text size</source>
        <translation>默认字号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="141" />
        <source>Side by side</source>
        <translation>并排比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="142" />
        <source>Rating guidelines</source>
        <translation>评分指南</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="143" />
        <source>Language (after a restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="148" />
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="149" />
        <source>Search the queue…</source>
        <translation>搜索队列…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="150" />
        <source>Go to item…</source>
        <translation>转到条目…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="151" />
        <source>Next unrated</source>
        <translation>下一个未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="152" />
        <source>Come back later / take up again</source>
        <translation>稍后再评 / 重新开始</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="153" />
        <source>Pause / resume the timer</source>
        <translation>暂停 / 继续计时</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="155" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="162" />
        <source>Open a study</source>
        <translation>打开研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="163" />
        <source>Studies and review files (*.db *.sqlite *.rvw);;All files (*)</source>
        <translation>研究与评审文件 (*.db *.sqlite *.rvw);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="175" />
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="180" />
        <source>The language changes the next time the app starts</source>
        <translation>界面语言将在下次启动时更改</translation>
    </message>
<message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="77" />
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="84" />
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="88" />
        <source>Return ratings</source>
        <translation>交回评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="78" />
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="132" />
        <source>Return files (*.rvr);;All files (*)</source>
        <translation>交回文件 (*.rvr);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="89" />
        <source>Wrote %s

%d ratings (%d submitted, %d drafts), %d feedback notes.
Send this file to your coordinator.</source>
        <translation>已写入 %s

%d 份评分（%d 份已提交，%d 份草稿），%d 条反馈。
请将此文件发送给协调员。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="131" />
        <source>Merge returns</source>
        <translation>合并交回文件</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="146" />
        <source>Merge %d return file(s)</source>
        <translation>合并 %d 个交回文件</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="333" />
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>MergeReportDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="121" />
        <source>Merge report</source>
        <translation>合并报告</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="116" />
        <source>%d file(s) merged; %d conflict(s) kept for review. Backup: %s</source>
        <translation>已合并 %d 个文件；%d 处冲突留待审核。备份：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="119" />
        <source>%d file(s) read: nothing newer than what the study holds, nothing changed (no backup needed)</source>
        <translation>已读取 %d 个文件：没有比研究中已有内容更新的评分，未做任何更改（无需备份）</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="56" />
        <source>model folder, hub id, or endpoint model name</source>
        <translation>模型文件夹、模型库 ID 或服务端模型名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="55" />
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="66" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="78" />
        <source>Submitted and drafts count the rater's assigned answers; other submitted are ratings of answers not assigned to them (imported, or from an earlier design). Last return: the newest return file merged for the rater.</source>
        <translation>已提交和草稿只统计分配给该评审员的回答；其他已提交是未分配给他们的回答的评分（导入的，或来自之前的分配）。最近交回：该评审员最新合并的交回文件。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="90" />
        <source>Study overview — %s</source>
        <translation>研究概览 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/overview.py" line="91" />
        <source>%d answers · %d not assigned to anyone · %d ratings submitted · %d assigned answers outstanding</source>
        <translation>%d 个回答 · %d 个未分配给任何人 · 已提交 %d 份评分 · %d 个已分配回答未完成</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="250" />
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="326" />
        <source>Pack review files</source>
        <translation>打包评审文件</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="254" />
        <source>Folder for the review files</source>
        <translation>评审文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="259" />
        <source>Only answers not yet rated</source>
        <translation>仅打包尚未评分的回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="260" />
        <source>Leave out the answers a rater has already submitted (drafts are kept), e.g. for the next round of a plan. A rater with nothing left is reported, not packed.</source>
        <translation>不包含评审员已提交的回答（草稿保留），例如用于计划的下一轮。没有剩余回答的评审员会在结果中列出，不生成文件。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="264" />
        <source>Raters</source>
        <translation>评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="265" />
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="267" />
        <source>Pack</source>
        <translation>打包</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="269" />
        <source>One review file (.rvw) per rater: their assigned answers, blinded, without model names, other raters' ratings or judge verdicts. Send each file to its rater; their return file comes back through Merge returns.</source>
        <translation>每名评审员一个评审文件（.rvw）：包含分配给他们的回答，已盲化，不含模型名称、其他评审员的评分或评判结论。把文件发给对应的评审员；他们的交回文件通过“合并交回文件”导入。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="286" />
        <source>Will write: %s</source>
        <translation>将写入：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="293" />
        <source>No rater has assignments in this study yet: use Assign first.</source>
        <translation>本研究中还没有评审员被分配任务：请先使用“分配”。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="295" />
        <source>Choose at least one rater.</source>
        <translation>请至少选择一名评审员。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="297" />
        <source>Choose the folder for the review files.</source>
        <translation>请选择评审文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="326" />
        <source>%d of %d review files written.</source>
        <translation>已写入 %d / %d 个评审文件。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/loop_dialogs.py" line="329" />
        <source>Pack %d review files</source>
        <translation>打包 %d 个评审文件</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/preview_panel.py" line="58" />
        <source>(nothing to show: the selection has no case)</source>
        <translation>（无内容：所选范围内没有病例）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/preview_panel.py" line="62" />
        <source>No time estimate: the model is not a local folder, so its size is unknown.</source>
        <translation>无法估计时间：模型不是本地文件夹，大小未知。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/preview_panel.py" line="66" />
        <source>Rough time on %s: %s (model %s; from its size, within a factor of 2–3).</source>
        <translation>在 %s 上的大致用时：%s（模型 %s；按大小估算，误差约 2–3 倍）。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/preview_panel.py" line="67" />
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/preview_panel.py" line="67" />
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/preview_panel.py" line="67" />
        <source>h</source>
        <translation>小时</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="58" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="58" />
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="60" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="59" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="59" />
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="82" />
        <source>new</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="82" />
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="82" />
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="83" />
        <source>later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>QueueNavigation</name>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="32" />
        <source>%d set aside for later</source>
        <translation>%d 个已留待稍后</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="50" />
        <source>%d found</source>
        <translation>找到 %d 个</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="54" />
        <source>Nothing in your queue matches “%s”</source>
        <translation>队列中没有与“%s”匹配的条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="106" />
        <source>There is no item %d: your queue has %d</source>
        <translation>没有第 %d 个条目：您的队列共有 %d 个</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="117" />
        <source>Go to item</source>
        <translation>转到条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="117" />
        <source>Item number (1–%d):</source>
        <translation>条目编号（1–%d）：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="135" />
        <source>Back to an item you set aside</source>
        <translation>回到您留待稍后的条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="138" />
        <source>Everything in your queue is submitted. Thank you!</source>
        <translation>您列表中的所有回答都已提交，谢谢！</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="145" />
        <source>A submitted item is done: nothing to set aside</source>
        <translation>已提交的条目已完成：无需留待稍后</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="159" />
        <source>Set aside: Next unrated comes back to it at the end</source>
        <translation>已留待稍后：“下一个未评”会在最后回到它</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="162" />
        <source>Set aside; nothing else is left to rate</source>
        <translation>已留待稍后；没有其他待评条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="164" />
        <source>Taken up again</source>
        <translation>已重新开始</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="50" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="50" />
        <source>New</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="51" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="51" />
        <source>Come back later</source>
        <translation>稍后再评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="52" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="56" />
        <source>All marks</source>
        <translation>全部标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="56" />
        <source>Flagged</source>
        <translation>已标记安全问题</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="57" />
        <source>Commented</source>
        <translation>有评论</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="57" />
        <source>With feedback</source>
        <translation>有反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="64" />
        <source>Search case and answer (Ctrl+F)</source>
        <translation>搜索病例和回答（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="67" />
        <source>%v / %m submitted</source>
        <translation>已提交 %v / %m</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="71" />
        <source>Next unrated (U)</source>
        <translation>下一个未评 (U)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="75" />
        <source>Work queue</source>
        <translation>待评列表</translation>
    </message>
</context>
<context>
    <name>RaterPicker</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="79" />
        <source>Who is rating?</source>
        <translation>请选择评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="92" />
        <source>Your rater name, as your coordinator gave it:</source>
        <translation>您的评审者名称（由协调员提供）：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="93" />
        <source>Rater</source>
        <translation>评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="117" />
        <source>There is no rater named “%s” yet.</source>
        <translation>还没有名为“%s”的评审员。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="119" />
        <source>Did you mean “%s”?</source>
        <translation>您是想输入“%s”吗？</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="120" />
        <source>Press OK again to create this new rater (with an empty queue).</source>
        <translation>再次按“确定”将创建这位新评审员（队列为空）。</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="33" />
        <source>Write the agreement report</source>
        <translation>写一致性报告</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="36" />
        <source>Report file</source>
        <translation>报告文件</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="36" />
        <source>Reports (*.html *.pdf *.xlsx *.csv)</source>
        <translation>报告 (*.html *.pdf *.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="47" />
        <source>every judge run</source>
        <translation>全部评判运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="59" />
        <source>File (without extension)</source>
        <translation>文件（不含扩展名）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="60" />
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="61" />
        <source>Judge run</source>
        <translation>评判运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="62" />
        <source>Categories (none ticked: all)</source>
        <translation>类别（不勾选即全部）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="63" />
        <source>Models (none ticked: all)</source>
        <translation>模型（不勾选即全部）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="64" />
        <source>Bootstrap resamples</source>
        <translation>自助法重抽样次数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="65" />
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="66" />
        <source>Write report</source>
        <translation>写报告</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="68" />
        <source>Rater–rater and judge–rater agreement with bootstrap intervals, broken down by criterion, category, model and rater. HTML is one self-contained file; XLSX has one sheet per table; CSV stacks every table.</source>
        <translation>评审员之间、评判模型与评审员之间的一致性及自助法置信区间，按标准、类别、模型和评审员细分。HTML 是一个独立文件；XLSX 每个表一个工作表；CSV 把所有表依次排列。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="88" />
        <source>Choose where to write the report.</source>
        <translation>请选择报告的保存位置。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="90" />
        <source>Tick at least one format.</source>
        <translation>请至少勾选一种格式。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="93" />
        <source>No such folder: %s</source>
        <translation>文件夹不存在：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="99" />
        <source>writing %s</source>
        <translation>正在写 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="122" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="122" />
        <source>%d report files written.</source>
        <translation>已写入 %d 个报告文件。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/report_dialog.py" line="125" />
        <source>Report — %s</source>
        <translation>报告 — %s</translation>
    </message>
</context>
<context>
    <name>RerateDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="52" />
        <source>Ask for re-rating — case %s</source>
        <translation>请求重新评审 — 病例 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="54" />
        <source>These raters rated the answers on an older checklist version. Each is asked to rate again only the reworded criteria, on the newest version; their other answers are carried over. Untick anyone who should not be asked.</source>
        <translation>以下评审者曾按旧版评分清单评审这些回答。每人只需在最新版本上重新评审措辞有改动的标准；其余回答将沿用。取消勾选不需要请求的评审者。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="57" />
        <source>Nobody rated this case on an older version; edit a criterion first.</source>
        <translation>没有人按旧版本评审过此病例；请先编辑一条标准。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="62" />
        <source>Raters to ask</source>
        <translation>要请求的评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="64" />
        <source>no other rater</source>
        <translation>没有其他评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="65" />
        <source>Rater new to the case</source>
        <translation>新加入此病例的评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="66" />
        <source>Add rater</source>
        <translation>添加评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="69" />
        <source>Also ask a rater new to the case:</source>
        <translation>另请一位新评审者评审此病例：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="72" />
        <source>What will be asked</source>
        <translation>将请求的内容</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="74" />
        <source>Rater</source>
        <translation>评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="74" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="74" />
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="75" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="75" />
        <source>Rate again (reworded)</source>
        <translation>重新评审（措辞已改）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="76" />
        <source>Carried (unchanged)</source>
        <translation>沿用（未改动）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="81" />
        <source>Ask for re-rating</source>
        <translation>请求重新评审</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="117" />
        <source>%s — %d answers rated on %s</source>
        <translation>%s — %d 个回答已按 %s 评审</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="152" />
        <source>%s — new to the case</source>
        <translation>%s — 新加入此病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="166" />
        <source>new: v%d</source>
        <translation>新：v%d</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="189" />
        <source>%d ratings to re-rate, %d new assignments, %d skipped.</source>
        <translation>%d 份评分需重新评审，%d 个新分配，%d 个跳过。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="193" />
        <source>Skipped: %s</source>
        <translation>已跳过：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="195" />
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="219" />
        <source>Nobody is ticked: tick a rater, or add one new to the case.</source>
        <translation>未勾选任何人：请勾选一位评审者，或添加一位新评审者。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/rerate_dialog.py" line="214" />
        <source>Reworded, to rate again:</source>
        <translation>措辞已改、需重新评审的标准：</translation>
    </message>
</context>
<context>
    <name>ResponsePane</name>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="135" />
        <source>Response %s</source>
        <translation>回答 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="139" />
        <source>Coordinator view · model: %s</source>
        <translation>协调员视图 · 模型：%s</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/dialog_parts.py" line="87" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReviewColumn</name>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="81" />
        <source>Checklist</source>
        <translation>评分清单</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="115" />
        <source>Submit  (Ctrl+Enter)</source>
        <translation>提交  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="274" />
        <source>New</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="274" />
        <source>Draft · saved automatically</source>
        <translation>草稿 · 已自动保存</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="275" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="277" />
        <source>Come back later · draft</source>
        <translation>稍后再评 · 草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="279" />
        <source>Submitted · edited after submitting</source>
        <translation>已提交 · 提交后有修改</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="293" />
        <source>answer criterion</source>
        <translation>回答条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="298" />
        <source>overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="303" />
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="308" />
        <source>safety flag</source>
        <translation>安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="356" />
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="377" />
        <source>This rating was changed in another window or on another machine; the newest values are shown and your last change was not applied.</source>
        <translation>此评分已在另一个窗口或另一台电脑上被修改；现在显示的是最新内容，您刚才的修改未被采用。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="367" />
        <location filename="../../reviewer/gui/rater/review_column.py" line="380" />
        <source>Not saved: %s</source>
        <translation>未保存：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="233" />
        <source>Re-rating on the new checklist version: the answers marked 'carried' are kept from your rating of the earlier version (their wording did not change); the reworded or added criteria need your answer.</source>
        <translation>按新版评分清单重新评审：标记为“沿用”的回答保留自您对上一版本的评分（其措辞未变）；措辞已修改或新增的标准需要您回答。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="407" />
        <source>Feedback saved</source>
        <translation>反馈已保存</translation>
    </message>
</context>
<context>
    <name>ScoreForm</name>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="112" />
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="116" />
        <source>Optional note for the coordinator (C to type, Esc to leave)</source>
        <translation>给协调员的备注，可选（按 C 输入，Esc 返回）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="120" />
        <source>Safety concern (S)</source>
        <translation>安全隐患 (S)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="121" />
        <source>Tick when this answer could harm a patient</source>
        <translation>此回答可能伤害患者时请勾选</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="163" />
        <source> (optional)</source>
        <translation>（可选）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="164" />
        <source>Overall score %d–%d%s  (Ctrl+digit)</source>
        <translation>总体评分 %d–%d%s  (Ctrl+数字)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="190" />
        <source>Others' overall scores: %s</source>
        <translation>其他人的总体评分：%s</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="35" />
        <source>Criterion met, move down</source>
        <translation>条目满足，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="36" />
        <source>Criterion not met, move down</source>
        <translation>条目未满足，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="37" />
        <source>Criterion not applicable, move down</source>
        <translation>条目不适用，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="72" />
        <source>Overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="41" />
        <source>Next response</source>
        <translation>下一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="38" />
        <source>Clear the focused criterion (also Backspace)</source>
        <translation>清除当前条目（也可用 Backspace）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="39" />
        <source>Next criterion (also ↓)</source>
        <translation>下一条标准（也可用 ↓）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="40" />
        <source>Previous criterion (also ↑)</source>
        <translation>上一条标准（也可用 ↑）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="42" />
        <source>Previous response</source>
        <translation>上一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="43" />
        <source>Next unrated response</source>
        <translation>下一个未评回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="44" />
        <source>Submit and go to the next response</source>
        <translation>提交并转到下一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="45" />
        <source>Write a comment (Esc returns to the checklist)</source>
        <translation>填写备注（Esc 返回评分清单）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="47" />
        <source>Back to the checklist</source>
        <translation>回到评分清单</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="48" />
        <source>Toggle the safety flag</source>
        <translation>切换安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="49" />
        <source>Feedback on the focused criterion</source>
        <translation>对当前条目提出反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="50" />
        <source>Attach the selected answer text to the focused criterion</source>
        <translation>将选中的回答文字附加到当前标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="52" />
        <source>Remove the focused criterion's last evidence</source>
        <translation>移除当前标准最近添加的依据</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="54" />
        <source>Come back later (set aside) / take up again</source>
        <translation>稍后再评（留待稍后）/ 重新开始</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="55" />
        <source>Side by side: two answers to the same case</source>
        <translation>并排：同一病例的两个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="56" />
        <source>Switch between the two answers (side by side)</source>
        <translation>在两个回答之间切换（并排模式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="57" />
        <source>Undo (current response)</source>
        <translation>撤销（当前回答）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="58" />
        <source>Redo (current response)</source>
        <translation>重做（当前回答）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="59" />
        <source>Search the queue (case and answer)</source>
        <translation>搜索队列（病例和回答）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="60" />
        <source>Go to item number</source>
        <translation>转到条目编号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="68" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="69" />
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="70" />
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="71" />
        <source>Default text size</source>
        <translation>默认字号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="61" />
        <source>Go to the work queue</source>
        <translation>转到待评列表</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="62" />
        <source>Pause / resume the timer</source>
        <translation>暂停 / 继续计时</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="63" />
        <source>Show / hide the rating guidelines</source>
        <translation>显示 / 隐藏评分指南</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="65" />
        <source>Keyboard preferences</source>
        <translation>键盘设置</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="66" />
        <source>Switch rater</source>
        <translation>切换评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="67" />
        <source>Open a study database</source>
        <translation>打开研究数据库</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="64" />
        <source>This list</source>
        <translation>显示本列表</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="46" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="49" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="49" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>SubmitMixin</name>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="50" />
        <source>criterion %d (%s)</source>
        <translation>第 %d 条标准（%s）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="52" />
        <source>the overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="53" />
        <source>the %s score</source>
        <translation>%s 评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="67" />
        <source>Cannot submit yet. Still unanswered:</source>
        <translation>暂不能提交，以下项目尚未回答：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="70" />
        <source>Cannot submit yet. Still unanswered: %s</source>
        <translation>尚不能提交。仍未回答：%s</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="245" />
        <source>Judge templates</source>
        <translation>评审模板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="259" />
        <source>Same name: the next version of this template. A new name: a copy.</source>
        <translation>同名：保存为该模板的下一个版本。新名称：保存为副本。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="261" />
        <source>why this version (required)</source>
        <translation>此版本的原因（必填）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="262" />
        <source>Save as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="267" />
        <source>Save as template</source>
        <translation>另存为模板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="268" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="278" />
        <source>Show diff</source>
        <translation>显示差异</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="286" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="288" />
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="294" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="295" />
        <source>Diff</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="299" />
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="308" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="322" />
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="355" />
        <source>Give the template a name and say why it changes.</source>
        <translation>请为模板命名并说明修改原因。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="364" />
        <source>Saved %s version %d.</source>
        <translation>已保存 %s 第 %d 版。</translation>
    </message>
</context>
<context>
    <name>TriageView</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="240" />
        <source>judge run: %s</source>
        <translation>评审运行：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="241" />
        <source>no judge run</source>
        <translation>无评审运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="160" />
        <source>Rank criteria</source>
        <translation>排序标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="178" />
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="253" />
        <source>Select a criterion to see where people disagreed.</source>
        <translation>选择一条标准，查看分歧所在。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="181" />
        <source>Edit criterion…</source>
        <translation>编辑标准…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="183" />
        <source>Re-judge affected answers…</source>
        <translation>重新评审受影响的回答…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="185" />
        <source>Ask for re-rating…</source>
        <translation>请求重新评审…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="186" />
        <source>Ask the raters of the selected case(s) to rate the reworded criteria again on the newest checklist version</source>
        <translation>请所选病例的评审者在最新版评分清单上重新评审措辞有改动的标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="197" />
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="197" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="197" />
        <source>Majority</source>
        <translation>多数意见</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="198" />
        <source>Judge</source>
        <translation>评判模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="198" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="206" />
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="258" />
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="206" />
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="206" />
        <source>Was</source>
        <translation>原为</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="206" />
        <source>Now</source>
        <translation>现为</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="229" />
        <source>Checklist triage — %s</source>
        <translation>清单分诊 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="258" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="258" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="259" />
        <source>Criterion</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="259" />
        <source>n (≥2 raters)</source>
        <translation>数量（≥2 名评审员）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="260" />
        <source>α 95% CI</source>
        <translation>α 95% 置信区间</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="260" />
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="261" />
        <source>n judged</source>
        <translation>已评判数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="261" />
        <source>Judge disagrees</source>
        <translation>评判模型不一致</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="262" />
        <source>Judge 95% CI</source>
        <translation>评判 95% 置信区间</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="262" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="263" />
        <source>Feedback kinds</source>
        <translation>反馈类型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="263" />
        <source>Trouble score</source>
        <translation>问题分数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="276" />
        <source>Triage — %s</source>
        <translation>分诊 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="292" />
        <source>%d criteria, worst first. Red: alpha below 0.667.</source>
        <translation>%d 条标准，最差的在前。红色：alpha 低于 0.667。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="307" />
        <source>Case %s · %s · v%d: %s — %d responses with disagreement</source>
        <translation>病例 %s · %s · v%d：%s — %d 个回答存在分歧</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="370" />
        <source>Saved checklist version %d of case %s. Re-judge to compare.</source>
        <translation>已保存清单第 %d 版（病例 %s）。重新评审即可比较。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="381" />
        <source>Re-judge the answers of case %s</source>
        <translation>重新评审病例 %s 的回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="411" />
        <source>Re-judge case %s (v%d)</source>
        <translation>重新评审病例 %s（v%d）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="417" />
        <source>Re-judging cancelled.</source>
        <translation>重新评审已取消。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="420" />
        <source>Re-judged: %d verdicts in run %s.</source>
        <translation>已重新评审：%d 条判定，运行 %s。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="422" />
        <source>No earlier judge run to compare with.</source>
        <translation>没有可供比较的早先评审运行。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="457" />
        <source>%d ratings to re-rate, %d new assignments, %d skipped.</source>
        <translation>%d 份评分需重新评审，%d 个新分配，%d 个跳过。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="460" />
        <source>Re-rating requested</source>
        <translation>已请求重新评审</translation>
    </message>
</context>
</TS>