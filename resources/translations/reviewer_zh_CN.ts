<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CasePane</name>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="38" />
        <source>Patient / user</source>
        <translation>患者 / 用户</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="39" />
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="40" />
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="85" />
        <source>Reference answer</source>
        <translation>参考答案</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="110" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="30" />
        <source>met</source>
        <translation>满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="31" />
        <source>not met</source>
        <translation>未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="32" />
        <source>n.a.</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>CriterionRow</name>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="70" />
        <source>1 Met</source>
        <translation>1 满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="70" />
        <source>2 Not met</source>
        <translation>2 未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="71" />
        <source>3 N/A</source>
        <translation>3 不适用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="90" />
        <source>Unclear, wrong or missing something? (F)</source>
        <translation>条目不清楚、有错误或有遗漏？(F)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="123" />
        <source>%s pts</source>
        <translation>%s 分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="125" />
        <source>core</source>
        <translation>核心</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="125" />
        <source>secondary</source>
        <translation>次要</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="133" />
        <source>⚑ noted</source>
        <translation>⚑ 已反馈</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="105" />
        <source>Feedback on this criterion</source>
        <translation>对此条目的反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="110" />
        <source>&amp;Unclear</source>
        <translation>不清楚(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="110" />
        <source>&amp;Wrong</source>
        <translation>有错误(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="111" />
        <source>&amp;Missing something</source>
        <translation>有遗漏(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="121" />
        <source>What should change? (optional)</source>
        <translation>应如何修改？（可选）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="53" />
        <source>Reviewer — %s — %s</source>
        <translation>Reviewer — %s — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="74" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="74" />
        <source>New</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="75" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="75" />
        <location filename="../../reviewer/gui/main_window.py" line="291" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="81" />
        <source>%v / %m submitted</source>
        <translation>已提交 %v / %m</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="82" />
        <source>Next unrated (U)</source>
        <translation>下一个未评 (U)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="89" />
        <source>Work queue</source>
        <translation>待评列表</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="92" />
        <source>Rater: %s</source>
        <translation>评审者：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="92" />
        <source>  ·  coordinator mode</source>
        <translation>  ·  协调员模式</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="123" />
        <source>No responses assigned yet: import responses or ask your coordinator</source>
        <translation>尚未分配任何回答：请导入回答或联系您的协调员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="173" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="267" />
        <source>Everything in your queue is submitted. Thank you!</source>
        <translation>您列表中的所有回答都已提交，谢谢！</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="277" />
        <source>No other response to this case in your queue</source>
        <translation>您的列表中没有此病例的其他回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="286" />
        <source>Now rating Response %s</source>
        <translation>正在评审回答 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="305" />
        <source>Submitted. That was the last response in this list.</source>
        <translation>已提交。这是列表中的最后一个回答。</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="43" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="43" />
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="45" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="44" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="44" />
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="157" />
        <source>new</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="157" />
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="157" />
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
</context>
<context>
    <name>RaterPicker</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="78" />
        <source>Who is rating?</source>
        <translation>请选择评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="85" />
        <source>Your rater name, as your coordinator gave it:</source>
        <translation>您的评审者名称（由协调员提供）：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="86" />
        <source>Rater</source>
        <translation>评审者</translation>
    </message>
</context>
<context>
    <name>ResponsePane</name>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="144" />
        <source>Response %s</source>
        <translation>回答 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="148" />
        <source>Coordinator view · model: %s</source>
        <translation>协调员视图 · 模型：%s</translation>
    </message>
</context>
<context>
    <name>ReviewColumn</name>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="77" />
        <source>Checklist</source>
        <translation>评分清单</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="108" />
        <source>Submit  (Ctrl+Enter)</source>
        <translation>提交  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="214" />
        <source>New</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="214" />
        <source>Draft · saved automatically</source>
        <translation>草稿 · 已自动保存</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="215" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="217" />
        <source>Submitted · edited after submitting</source>
        <translation>已提交 · 提交后有修改</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="231" />
        <source>answer criterion</source>
        <translation>回答条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="236" />
        <source>overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="241" />
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="246" />
        <source>safety flag</source>
        <translation>安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="295" />
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="311" />
        <source>Cannot submit yet. Still unanswered:</source>
        <translation>暂不能提交，以下项目尚未回答：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="338" />
        <source>Feedback saved</source>
        <translation>反馈已保存</translation>
    </message>
</context>
<context>
    <name>ScoreForm</name>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="94" />
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="98" />
        <source>Optional note for the coordinator (C to type, Esc to leave)</source>
        <translation>给协调员的备注，可选（按 C 输入，Esc 返回）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="102" />
        <source>Safety concern (S)</source>
        <translation>安全隐患 (S)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="103" />
        <source>Tick when this answer could harm a patient</source>
        <translation>此回答可能伤害患者时请勾选</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="144" />
        <source> (optional)</source>
        <translation>（可选）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="145" />
        <source>Overall score %d–%d%s  (Ctrl+digit)</source>
        <translation>总体评分 %d–%d%s  (Ctrl+数字)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="171" />
        <source>Others' overall scores: %s</source>
        <translation>其他人的总体评分：%s</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="27" />
        <source>Criterion met, move down</source>
        <translation>条目满足，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="28" />
        <source>Criterion not met, move down</source>
        <translation>条目未满足，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="29" />
        <source>Criterion not applicable, move down</source>
        <translation>条目不适用，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="30" />
        <source>Clear the focused criterion</source>
        <translation>清除当前条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="31" />
        <source>Next criterion</source>
        <translation>下一条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="32" />
        <source>Previous criterion</source>
        <translation>上一条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="33" />
        <source>Overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="34" />
        <source>Next response</source>
        <translation>下一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="35" />
        <source>Previous response</source>
        <translation>上一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="36" />
        <source>Next unrated response</source>
        <translation>下一个未评回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="37" />
        <source>Submit and go to the next response</source>
        <translation>提交并转到下一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="38" />
        <source>Write a comment (Esc returns to the checklist)</source>
        <translation>填写备注（Esc 返回评分清单）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="39" />
        <source>Toggle the safety flag</source>
        <translation>切换安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="40" />
        <source>Feedback on the focused criterion</source>
        <translation>对当前条目提出反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="41" />
        <source>Side by side: two answers to the same case</source>
        <translation>并排：同一病例的两个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="42" />
        <source>Switch between the two answers (side by side)</source>
        <translation>在两个回答之间切换（并排模式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="43" />
        <source>Undo / redo (current response)</source>
        <translation>撤销 / 重做（当前回答）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="44" />
        <source>Larger / smaller / default text</source>
        <translation>放大 / 缩小 / 默认字号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="45" />
        <source>Go to the work queue</source>
        <translation>转到待评列表</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="46" />
        <source>Open a study database</source>
        <translation>打开研究数据库</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="47" />
        <source>This list</source>
        <translation>显示本列表</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="54" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="57" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="57" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>w</name>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="74" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="75" />
        <source>&amp;Open study…</source>
        <translation>打开研究(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="80" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="84" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="85" />
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="86" />
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="86" />
        <source>Default text size</source>
        <translation>默认字号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="91" />
        <source>Side by side</source>
        <translation>并排比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="94" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="95" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="103" />
        <source>Open a study</source>
        <translation>打开研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="104" />
        <source>Studies and review files (*.db *.sqlite *.rvw);;All files (*)</source>
        <translation>研究与评审文件 (*.db *.sqlite *.rvw);;所有文件 (*)</translation>
    </message>
</context>
</TS>